import { route } from "@/lib/api/route";
import { listRules, updateRuleSetting } from "@/lib/governance/data";
import { RulesQuery, UpdateRuleSettingInput } from "@/lib/governance/schemas";

export const GET = route({ query: RulesQuery }, async ({ ctx, query }) => ({ items: await listRules(ctx, query.domain) }));
export const PUT = route({ body: UpdateRuleSettingInput }, ({ ctx, body }) => updateRuleSetting(ctx, body));
