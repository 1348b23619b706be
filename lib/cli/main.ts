// `npm run cli -- <command>`: the command-line client of the Interchange REST API.
import { Command } from "commander";
import { checkCommand, lintCommand } from "./commands/check";
import { importCommand, type ImportOptions } from "./commands/import";
import { registerDiffCommand } from "./diff";
import { login } from "./commands/login";
import { whoami } from "./commands/whoami";
import { CliError, resolveToken, type Connection } from "./http";

type GlobalOptions = { url: string; token?: string };

const program = new Command()
  .name("interchange")
  .description("Command-line client for the Interchange portal")
  .option("--url <url>", "server address", process.env.INTERCHANGE_URL ?? "http://localhost:3000")
  .option("--token <token>", "API token (default: $INTERCHANGE_TOKEN, else the token stored by `login`)")
  .showHelpAfterError();

async function connect(command: Command): Promise<Connection> {
  const { url, token } = command.optsWithGlobals<GlobalOptions>();
  return { url, token: await resolveToken(token) };
}

program
  .command("login")
  .description("exchange email and password for an API token, stored in ~/.config/interchange/token")
  .option("--email <email>", "your email (asked for when omitted)")
  .option("--password <password>", "your password (asked for when omitted; prefer the prompt, flags end up in shell history)")
  .action(async (options: { email?: string; password?: string }, command: Command) => {
    await login({ url: command.optsWithGlobals<GlobalOptions>().url }, options);
  });

program
  .command("whoami")
  .description("show who the token belongs to")
  .action(async (_options: object, command: Command) => whoami(await connect(command)));

program
  .command("import")
  .description("import OpenAPI, AsyncAPI, Backstage and ODCS files; directories are walked for *.yaml, *.yml, *.json")
  .argument("[paths...]", "files or directories")
  .option("--json", "print the per-file results as JSON")
  .option("--sync <dir>", "catalog-as-code: also mark interfaces whose file is no longer under <dir> as retired")
  .option("--team <slug>", "owner team of documents that name none")
  .option("--system <slug>", "providing system of documents that name none (created when missing), instead of one system per API")
  .option("--domain <slug>", "domain of documents that name none")
  .action(async (paths: string[], options: ImportOptions, command: Command) => {
    if (paths.length === 0 && options.sync === undefined) command.error("name at least one file or directory, or --sync <dir>");
    process.exitCode = await importCommand(await connect(command), paths, options);
  });

registerDiffCommand(program);

program
  .command("check")
  .description("can-i-deploy: may <spec> ship as the interface? exit 0 yes, 1 no (contract, subscribed consumers, governance rules)")
  .argument("<spec>", "the document that would ship")
  .requiredOption("--interface <ref>", "interface id, slug or name")
  .option("--json", "print the whole result as JSON")
  .option("--open-proposal", "on a breaking change, open the next major contract version for the consumers to approve")
  .action(async (spec: string, options: { interface: string; json?: boolean; openProposal?: boolean }, command: Command) => {
    process.exitCode = await checkCommand(await connect(command), spec, options);
  });

program
  .command("lint")
  .description("lint a document with the governance rules; exit 1 on any error-level finding")
  .argument("<spec>", "an OpenAPI or AsyncAPI document")
  .option("--interface <ref>", "lint it as this interface: its domain's rule settings and the estate rules apply")
  .option("--json", "print the report as JSON")
  .action(async (spec: string, options: { interface?: string; json?: boolean }, command: Command) => {
    process.exitCode = await lintCommand(await connect(command), spec, options);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof CliError || error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
