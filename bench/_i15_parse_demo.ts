import { buildDemoEstate } from "@/lib/demo/estate";
import { parseDocument } from "@/lib/catalog/import/parse";
const estate = buildDemoEstate(new Date());
const t0 = performance.now();
let n = 0;
const per: [string, number][] = [];
for (const v of estate.interfaceVersions) {
  if (!["OPENAPI", "ASYNCAPI"].includes(v.specFormat)) continue;
  const t = performance.now();
  try { await parseDocument("x.yaml", v.spec); } catch (e) { console.log("fail", String(e).slice(0, 100)); }
  per.push([v.specFormat + " " + v.spec.length, performance.now() - t]);
  n++;
}
console.log(n, Math.round(performance.now() - t0), per.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, ms]) => `${k}:${Math.round(ms)}`).join(" "));
