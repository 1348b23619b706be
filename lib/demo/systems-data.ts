import type { SystemSeed } from "./types";

// Hosting countries are where the vendor or our data centre keeps the data; processingCountries are where
// staff or sub-processors can reach it (e.g. US follow-the-sun support), which matters for transfer checks.
// Demo evidence: the DPF list entry of the US recipient; SCCs with their module, signature date and transfer impact
// assessment (lib/compliance/transfers.ts says what each tool needs).
const DPF = (vendor: string) => ({ tool: "ADEQUACY" as const, document: `EU-US Data Privacy Framework certification (${vendor})`, dpfCertification: `DPF list: ${vendor}, active` });
const SCC = (document: string, signedOn = "2024-03-01") => ({ tool: "SCC" as const, document, sccModule: "MODULE_2", signedOn, tia: `TIA ${document.split(",")[0]}` });
const BCR = (document: string) => ({ tool: "BCR" as const, document, tia: `TIA ${document}` });

export const SYSTEMS: SystemSeed[] = [
  // Payments
  { slug: "payment-gateway", name: "Payment Gateway", kind: "INTERNAL", domain: "payments", team: "payments-platform", hosting: ["DE", "NL"],
    description: "Orchestrates card, wallet and SEPA payments for the web shop and banking apps; routes to Adyen or Stripe per market." },
  { slug: "adyen", name: "Adyen", kind: "SAAS", vendor: "Adyen N.V.", domain: "payments", team: "payments-platform", hosting: ["NL"],
    description: "Primary card acquirer and local payment methods (iDEAL, Bancontact, Klarna) for EU markets." },
  { slug: "stripe", name: "Stripe", kind: "SAAS", vendor: "Stripe Payments Europe Ltd.", domain: "payments", team: "payments-platform", hosting: ["IE"], processing: ["US"],
    description: "Secondary acquirer used for failover and for the Nordic markets.", transfer: DPF("Stripe, Inc.") },
  { slug: "sepa-hub", name: "SEPA Payments Hub", kind: "INTERNAL", domain: "payments", team: "payments-platform", hosting: ["DE"],
    description: "SEPA Credit Transfer, SCT Inst and Direct Debit processing on ISO 20022 pain/pacs/camt messages." },
  { slug: "card-vault", name: "Card Tokenisation Vault", kind: "INTERNAL", domain: "payments", team: "payments-platform", hosting: ["DE"],
    description: "PCI DSS scoped vault that swaps PANs for tokens; the only system allowed to store cardholder data." },
  { slug: "swift-alliance", name: "SWIFT Alliance Access", kind: "THIRD_PARTY", vendor: "SWIFT SC", domain: "payments", team: "payments-platform", hosting: ["BE"],
    description: "Cross-border payments and MT/MX messaging with correspondent banks." },
  { slug: "refund-service", name: "Refund Service", kind: "INTERNAL", domain: "payments", team: "payments-platform", hosting: ["NL"],
    description: "Issues refunds to the original payment method or by SEPA transfer." },

  // Accounts & Lending
  { slug: "core-banking-mainframe", name: "Core Banking System (z/OS)", kind: "LEGACY", vendor: "IBM", domain: "accounts-lending", team: "core-banking", hosting: ["DE"],
    description: "COBOL/CICS with DB2 on z/OS: current and savings accounts and the posting engine. Being strangled by the Accounts Service." },
  { slug: "card-management-mainframe", name: "Card Management System (CICS)", kind: "LEGACY", vendor: "IBM", domain: "accounts-lending", team: "core-banking", hosting: ["DE"],
    description: "Debit and credit card lifecycle and authorisation history on the mainframe." },
  { slug: "accounts-service", name: "Accounts Service", kind: "INTERNAL", domain: "accounts-lending", team: "core-banking", hosting: ["DE"],
    description: "Modern account API in front of the mainframe (strangler fig); owns all savings products launched since 2024." },
  { slug: "lending-service", name: "Loan Origination Service", kind: "INTERNAL", domain: "accounts-lending", team: "core-banking", hosting: ["NL"],
    description: "Consumer loan applications, affordability checks and credit decisions." },
  { slug: "credit-bureau", name: "SCHUFA Credit Bureau", kind: "THIRD_PARTY", vendor: "SCHUFA Holding AG", domain: "accounts-lending", team: "core-banking", hosting: ["DE"],
    description: "Credit reports for lending decisions and monthly contract reporting." },

  // Customer
  { slug: "customer-master", name: "Customer Master (MDM)", kind: "INTERNAL", domain: "customer", team: "customer-360", hosting: ["DE"],
    description: "Golden customer record across banking and retail; matches and merges duplicates." },
  { slug: "customer-profile-service", name: "Customer Profile Service", kind: "INTERNAL", domain: "customer", team: "customer-360", hosting: ["NL"],
    description: "Low-latency read model of customer profiles and preferences for channels." },
  { slug: "consent-service", name: "Consent & Preference Service", kind: "INTERNAL", domain: "customer", team: "customer-360", hosting: ["DE"],
    description: "System of record for marketing consent and communication preferences (GDPR Art. 7)." },
  { slug: "salesforce", name: "Salesforce Sales & Service Cloud", kind: "SAAS", vendor: "Salesforce", domain: "customer", team: "customer-360", hosting: ["DE", "FR"], processing: ["US"],
    description: "CRM for relationship managers and the retail service desk (Hyperforce EU).",
    transfer: BCR("Salesforce Processor Binding Corporate Rules") },
  { slug: "zendesk", name: "Zendesk", kind: "SAAS", vendor: "Zendesk", domain: "customer", team: "customer-care", hosting: ["DE", "IE"], processing: ["US"],
    description: "Ticketing for web shop customer service (EU data centre with US follow-the-sun support).", transfer: DPF("Zendesk, Inc.") },
  { slug: "genesys", name: "Genesys Cloud", kind: "SAAS", vendor: "Genesys", domain: "customer", team: "customer-care", hosting: ["IE"],
    description: "Contact centre telephony, IVR and call recording." },
  { slug: "support-bpo", name: "Offshore Support Desk", kind: "THIRD_PARTY", vendor: "Meridian BPO Services Pvt. Ltd.", domain: "customer", team: "customer-care", hosting: ["IN"],
    description: "Second-line e-commerce support outsourced to Bengaluru; works from ticket exports.",
    transfer: SCC("SCC Module 2 (controller to processor), DPA-2023-041") },

  // Orders
  { slug: "order-service", name: "Order Service", kind: "INTERNAL", domain: "orders", team: "order-management", hosting: ["DE"],
    description: "Order lifecycle and the order saga coordinating payment, stock and fulfilment." },
  { slug: "checkout-service", name: "Basket & Checkout Service", kind: "INTERNAL", domain: "orders", team: "order-management", hosting: ["DE"],
    description: "Baskets, delivery options and checkout for the web shop and app." },
  { slug: "returns-service", name: "Returns Service", kind: "INTERNAL", domain: "orders", team: "order-management", hosting: ["NL"],
    description: "Return requests, labels and inspection results." },
  { slug: "order-history", name: "Order History Read Model", kind: "INTERNAL", domain: "orders", team: "order-management", hosting: ["DE"],
    description: "CQRS projection of order events that serves 'My orders' and customer service lookups." },

  // Digital Channels
  { slug: "web-shop", name: "Web Shop Storefront", kind: "INTERNAL", domain: "digital-channels", team: "digital-channels", hosting: ["NL"],
    description: "Server-rendered storefront for the retail brands in 9 EU markets." },
  { slug: "mobile-bff", name: "Mobile App Backend (BFF)", kind: "INTERNAL", domain: "digital-channels", team: "digital-channels", hosting: ["DE"],
    description: "Backend for the iOS and Android banking and shopping app." },
  { slug: "online-banking", name: "Online Banking Portal", kind: "INTERNAL", domain: "digital-channels", team: "digital-channels", hosting: ["DE"],
    description: "Browser-based online banking for retail customers." },
  { slug: "contentful", name: "Contentful", kind: "SAAS", vendor: "Contentful GmbH", domain: "digital-channels", team: "digital-channels", hosting: ["US"],
    description: "Headless CMS for marketing pages and in-app content (no personal data).", transfer: SCC("Contentful DPA 2024, SCC Module 2") },

  // Fulfilment & Logistics
  { slug: "wms", name: "Manhattan Active Warehouse Management", kind: "SAAS", vendor: "Manhattan Associates", domain: "fulfilment-logistics", team: "fulfilment-logistics", hosting: ["NL"],
    description: "Warehouse management for the Venlo and Erfurt distribution centres." },
  { slug: "inventory-service", name: "Inventory Service", kind: "INTERNAL", domain: "fulfilment-logistics", team: "fulfilment-logistics", hosting: ["DE"],
    description: "Available-to-promise stock and reservations across warehouses and stores." },
  { slug: "shipping-service", name: "Shipping & Carrier Hub", kind: "INTERNAL", domain: "fulfilment-logistics", team: "fulfilment-logistics", hosting: ["DE"],
    description: "Carrier selection, labels, manifests and tracking aggregation." },
  { slug: "dhl", name: "DHL Parcel", kind: "THIRD_PARTY", vendor: "Deutsche Post DHL", domain: "fulfilment-logistics", team: "fulfilment-logistics", hosting: ["DE"],
    description: "Parcel carrier for DE, AT and PL." },
  { slug: "postnl", name: "PostNL", kind: "THIRD_PARTY", vendor: "PostNL", domain: "fulfilment-logistics", team: "fulfilment-logistics", hosting: ["NL"],
    description: "Parcel carrier for NL and BE." },
  { slug: "scanner-gateway", name: "Warehouse Scanner Gateway", kind: "INTERNAL", domain: "fulfilment-logistics", team: "fulfilment-logistics", hosting: ["NL"],
    description: "Edge gateway bridging handheld and dock scanners to MQTT." },

  // Product & Pricing
  { slug: "product-catalog", name: "Product Catalog Service", kind: "INTERNAL", domain: "product-pricing", team: "catalog-pricing", hosting: ["DE"],
    description: "Sellable products, variants and assortments per market." },
  { slug: "pricing-engine", name: "Pricing Engine", kind: "INTERNAL", domain: "product-pricing", team: "catalog-pricing", hosting: ["DE"],
    description: "List prices, markdowns and promotions per market." },
  { slug: "akeneo", name: "Akeneo PIM", kind: "SAAS", vendor: "Akeneo", domain: "product-pricing", team: "catalog-pricing", hosting: ["FR"],
    description: "Product information management for merchandisers and suppliers." },
  { slug: "algolia", name: "Algolia Search", kind: "SAAS", vendor: "Algolia", domain: "product-pricing", team: "catalog-pricing", hosting: ["FR"], processing: ["US"],
    description: "Hosted product search and merchandising.", transfer: DPF("Algolia, Inc.") },

  // Finance
  { slug: "sap-s4", name: "SAP S/4HANA Finance", kind: "THIRD_PARTY", vendor: "SAP SE", domain: "finance", team: "finance-systems", hosting: ["DE"],
    description: "General ledger, accounts payable/receivable and controlling (RISE with SAP, private cloud)." },
  { slug: "billing-service", name: "Billing & Invoicing Service", kind: "INTERNAL", domain: "finance", team: "finance-systems", hosting: ["DE"],
    description: "Customer invoices, credit notes and dunning for retail and banking fees." },
  { slug: "avalara", name: "Avalara AvaTax", kind: "SAAS", vendor: "Avalara", domain: "finance", team: "finance-systems", hosting: ["US"],
    description: "VAT and OSS tax determination for cross-border e-commerce.", transfer: SCC("SCC Module 2, Avalara DPA 2024") },
  { slug: "kyriba", name: "Kyriba Treasury", kind: "SAAS", vendor: "Kyriba", domain: "finance", team: "finance-systems", hosting: ["FR"],
    description: "Cash positioning, bank connectivity and FX." },

  // Identity & Access
  { slug: "customer-iam", name: "Customer Identity (Keycloak)", kind: "INTERNAL", domain: "identity-access", team: "identity-access", hosting: ["DE"],
    description: "Customer login, SCA/MFA and OIDC for web and app." },
  { slug: "okta", name: "Okta Workforce Identity", kind: "SAAS", vendor: "Okta", domain: "identity-access", team: "identity-access", hosting: ["DE"], processing: ["US"],
    description: "Employee single sign-on and lifecycle management (EU cell).", transfer: DPF("Okta, Inc.") },
  { slug: "sailpoint", name: "SailPoint Identity Security Cloud", kind: "SAAS", vendor: "SailPoint", domain: "identity-access", team: "identity-access", hosting: ["DE"], processing: ["US"],
    description: "Access requests, joiner-mover-leaver and access certifications.", transfer: DPF("SailPoint Technologies, Inc.") },

  // Marketing
  { slug: "hubspot", name: "HubSpot Marketing Hub", kind: "SAAS", vendor: "HubSpot", domain: "marketing", team: "marketing-tech", hosting: ["US"],
    description: "B2C e-mail campaigns and landing pages.", transfer: DPF("HubSpot, Inc.") },
  { slug: "segment", name: "Twilio Segment", kind: "SAAS", vendor: "Twilio", domain: "marketing", team: "marketing-tech", hosting: ["US"],
    description: "Customer data platform collecting web and app events.", transfer: SCC("Twilio DPA incl. SCC Module 2") },
  { slug: "braze", name: "Braze", kind: "SAAS", vendor: "Braze", domain: "marketing", team: "marketing-tech", hosting: ["DE"], processing: ["US"],
    description: "Push, in-app and e-mail engagement (EU-02 cluster).", transfer: SCC("Braze DPA 2023, SCC Module 2") },
  { slug: "loyalty-service", name: "Loyalty Programme Service", kind: "INTERNAL", domain: "marketing", team: "marketing-tech", hosting: ["NL"],
    description: "Points, tiers and rewards for the shop and bank loyalty programme." },

  // HR
  { slug: "workday", name: "Workday HCM", kind: "SAAS", vendor: "Workday", domain: "hr", team: "people-systems", hosting: ["IE"], processing: ["US"],
    description: "Core HR, organisation and compensation for 11,000 employees.", transfer: BCR("Workday Processor Binding Corporate Rules") },
  { slug: "adp-payroll", name: "ADP GlobalView Payroll", kind: "THIRD_PARTY", vendor: "ADP", domain: "hr", team: "people-systems", hosting: ["FR"], processing: ["IN"],
    description: "Payroll for DE, NL and FR entities, with a payroll operations centre in Pune.", transfer: BCR("ADP Processor Binding Corporate Rules") },
  { slug: "greenhouse", name: "Greenhouse Recruiting", kind: "SAAS", vendor: "Greenhouse Software", domain: "hr", team: "people-systems", hosting: ["US"],
    description: "Applicant tracking for tech and head-office roles.", transfer: DPF("Greenhouse Software, Inc.") },

  // Risk & Compliance
  { slug: "fraud-engine", name: "Fraud Detection Engine", kind: "INTERNAL", domain: "risk-compliance", team: "risk-compliance", hosting: ["DE"],
    description: "Real-time scoring of payments, logins and loan applications; AML transaction monitoring." },
  { slug: "kyc-service", name: "KYC Onboarding Service", kind: "INTERNAL", domain: "risk-compliance", team: "risk-compliance", hosting: ["DE"],
    description: "Customer due diligence at onboarding and periodic review." },
  { slug: "onfido", name: "Onfido Identity Verification", kind: "SAAS", vendor: "Onfido (Entrust)", domain: "risk-compliance", team: "risk-compliance", hosting: ["GB"],
    description: "Document and biometric identity verification.", transfer: { tool: "ADEQUACY", document: "UK adequacy decision (Commission Implementing Decision 2021/1772)" } },
  { slug: "world-check", name: "LSEG World-Check One", kind: "THIRD_PARTY", vendor: "LSEG", domain: "risk-compliance", team: "risk-compliance", hosting: ["SG"], processing: ["GB"],
    description: "Sanctions, PEP and adverse media screening (APAC hosting region).", transfer: SCC("SCC Module 2, LSEG Data Processing Addendum 2022") },
  { slug: "regulatory-reporting", name: "Regulatory Reporting (AxiomSL)", kind: "THIRD_PARTY", vendor: "Adenza", domain: "risk-compliance", team: "risk-compliance", hosting: ["IE"],
    description: "COREP, FINREP and AnaCredit reporting to the supervisor." },

  // Data & Analytics
  { slug: "snowflake", name: "Snowflake Data Cloud", kind: "SAAS", vendor: "Snowflake", domain: "data-analytics", team: "data-platform", hosting: ["DE"],
    description: "Enterprise data warehouse (AWS eu-central-1)." },
  { slug: "databricks", name: "Databricks Lakehouse", kind: "SAAS", vendor: "Databricks", domain: "data-analytics", team: "data-platform", hosting: ["NL"],
    description: "Lakehouse for data science, propensity models and raw history." },

  // Platform & Integration
  { slug: "esb", name: "Enterprise Service Bus (IBM Integration Bus)", kind: "LEGACY", vendor: "IBM", domain: "platform", team: "platform-engineering", hosting: ["DE"],
    description: "SOAP and MQ mediation to the mainframe; frozen for new integrations since 2023." },
  { slug: "notification-service", name: "Notification Service", kind: "INTERNAL", domain: "platform", team: "platform-engineering", hosting: ["DE"],
    description: "Templated transactional e-mail, SMS and push." },
  { slug: "twilio", name: "Twilio Messaging", kind: "SAAS", vendor: "Twilio", domain: "platform", team: "platform-engineering", hosting: ["US"],
    description: "SMS delivery and one-time passcodes.", transfer: DPF("Twilio Inc.") },
  { slug: "servicenow", name: "ServiceNow ITSM", kind: "SAAS", vendor: "ServiceNow", domain: "platform", team: "platform-engineering", hosting: ["NL"], processing: ["US"],
    description: "Incident, change and CMDB for IT operations.", transfer: BCR("ServiceNow Processor Binding Corporate Rules") },
  { slug: "document-service", name: "Document Generation Service", kind: "INTERNAL", domain: "platform", team: "platform-engineering", hosting: ["DE"],
    description: "Renders statements, invoices and contracts to PDF/A and archives them." },
];
