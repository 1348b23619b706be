import { apiRequest, type Connection } from "../http";

type Me = { id: string; email: string; name: string; role: string; teamIds: string[] };

export async function whoami(connection: Connection): Promise<void> {
  const me = await apiRequest<Me>(connection, "GET", "api/v1/me");
  process.stdout.write(`${me.name} <${me.email}> (${me.role.toLowerCase()}, ${me.teamIds.length} team${me.teamIds.length === 1 ? "" : "s"})\n`);
}
