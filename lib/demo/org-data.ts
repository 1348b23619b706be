import type { DomainSeed, TeamSeed } from "./types";

// The demo models a European retail bank with an e-commerce arm ("bank + shop" groups are common in the EU),
// so the estate mixes card/SEPA payments, a core-banking mainframe and a web shop with warehouses.

export const TEAMS: TeamSeed[] = [
  { slug: "payments-platform", name: "Payments Platform", description: "Payment orchestration, acquirers, SEPA and card tokenisation." },
  { slug: "core-banking", name: "Core Banking", description: "Accounts, lending and the z/OS mainframe, including its strangler-fig replacement." },
  { slug: "customer-360", name: "Customer 360", description: "Customer master data, profiles, consent and the CRM." },
  { slug: "customer-care", name: "Customer Care Technology", description: "Contact centre, ticketing and the offshore support desk integration." },
  { slug: "order-management", name: "Order Management", description: "Baskets, checkout, orders, returns and the order history read model." },
  { slug: "digital-channels", name: "Digital Channels", description: "Web shop, online banking portal, mobile app backend and CMS." },
  { slug: "fulfilment-logistics", name: "Fulfilment & Logistics", description: "Warehouses, inventory, carriers and scanners." },
  { slug: "catalog-pricing", name: "Catalog & Pricing", description: "Product information, search and price management." },
  { slug: "finance-systems", name: "Finance Systems", description: "ERP, billing, tax and treasury." },
  { slug: "identity-access", name: "Identity & Access Management", description: "Customer and workforce identity, access governance." },
  { slug: "marketing-tech", name: "Marketing Technology", description: "CDP, marketing automation, messaging and loyalty." },
  { slug: "people-systems", name: "People Systems", description: "HCM, payroll and recruiting integrations." },
  { slug: "risk-compliance", name: "Risk & Compliance Engineering", description: "Fraud, KYC, sanctions screening and regulatory reporting." },
  { slug: "data-platform", name: "Data Platform", description: "Warehouse, lakehouse and analytics data products." },
  { slug: "platform-engineering", name: "Platform Engineering", description: "Integration middleware, notifications, documents and ITSM." },
];

export const DOMAINS: DomainSeed[] = [
  { slug: "payments", name: "Payments", team: "payments-platform", description: "Card, wallet, SEPA and cross-border payments, refunds and settlement." },
  { slug: "accounts-lending", name: "Accounts & Lending", team: "core-banking", description: "Current and savings accounts, postings, cards and consumer loans." },
  { slug: "customer", name: "Customer", team: "customer-360", description: "Who our customers are, how to reach them and what they agreed to." },
  { slug: "orders", name: "Orders", team: "order-management", description: "From basket to delivered order, including cancellations and returns." },
  { slug: "digital-channels", name: "Digital Channels", team: "digital-channels", description: "Customer-facing web and mobile front ends and their backends." },
  { slug: "fulfilment-logistics", name: "Fulfilment & Logistics", team: "fulfilment-logistics", description: "Stock, warehouses and parcel carriers." },
  { slug: "product-pricing", name: "Product & Pricing", team: "catalog-pricing", description: "What we sell, how it is described and what it costs." },
  { slug: "finance", name: "Finance", team: "finance-systems", description: "General ledger, invoicing, tax and treasury." },
  { slug: "identity-access", name: "Identity & Access", team: "identity-access", description: "Authentication and authorisation for customers and staff." },
  { slug: "marketing", name: "Marketing", team: "marketing-tech", description: "Campaigns, customer engagement and the loyalty programme." },
  { slug: "hr", name: "HR", team: "people-systems", description: "Employees, payroll and recruiting." },
  { slug: "risk-compliance", name: "Risk & Compliance", team: "risk-compliance", description: "Fraud prevention, AML/KYC, sanctions and regulatory reporting." },
  { slug: "data-analytics", name: "Data & Analytics", team: "data-platform", description: "Analytical data products, BI and machine learning." },
  { slug: "platform", name: "Platform & Integration", team: "platform-engineering", description: "Shared integration, messaging and IT service management." },
];

/** Contact addresses follow one convention so that a team's mailbox can be derived from its slug. */
export function teamEmail(slug: string): string {
  return `${slug}@interchange.local`;
}
