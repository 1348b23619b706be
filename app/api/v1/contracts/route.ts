import { route } from "@/lib/api/route";
import { listContracts } from "@/lib/contracts/data";
import { ContractListQuery, MAX_SCHEMA_BYTES, ProposeContractInput } from "@/lib/contracts/schemas";
import { getContract } from "@/lib/contracts/data";
import { proposeContract } from "@/lib/contracts/workflow";

export const GET = route({ query: ContractListQuery }, ({ ctx, query }) => listContracts(ctx, query));
export const POST = route({ body: ProposeContractInput, status: 201, maxBodyBytes: MAX_SCHEMA_BYTES * 2 }, async ({ ctx, body }) => getContract(ctx, (await proposeContract(ctx, body)).id));
