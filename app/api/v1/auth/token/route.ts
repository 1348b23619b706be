import { clientAddress, route } from "@/lib/api/route";
import { ExchangeTokenInput } from "@/lib/tokens/schemas";
import { exchangeCredentialsForToken } from "@/lib/tokens/data";

export const POST = route({ auth: "public", body: ExchangeTokenInput, status: 201, maxBodyBytes: 16 * 1024 }, ({ body, ctx, request }) =>
  exchangeCredentialsForToken(body, ctx.requestId, clientAddress(request)),
);
