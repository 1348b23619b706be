import os from "node:os";
import { createInterface } from "node:readline";
import { apiRequest, storeToken, type Connection } from "../http";

type Ask = (prompt: string, hidden?: boolean) => Promise<string>;

/**
 * One line reader for all questions: a second readline on a piped stdin would miss lines the first one buffered.
 * On a terminal the password is read in raw mode so that it is not echoed.
 */
function openPrompt(): { ask: Ask; close: () => void } {
  const stdin = process.stdin;
  const rl = createInterface({ input: stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error("no answer on standard input");
    return String(value).trim();
  };
  const readHidden = () =>
    new Promise<string>((resolve, reject) => {
      rl.pause();
      stdin.setRawMode(true);
      stdin.resume();
      let value = "";
      const finish = (error?: Error) => {
        stdin.off("data", onData);
        stdin.setRawMode(false);
        process.stderr.write("\n");
        if (error) reject(error);
        else resolve(value);
      };
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString("utf8")) {
          if (char === "\r" || char === "\n") return finish();
          if (char === "\u0003") return finish(new Error("cancelled"));
          value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
        }
      };
      stdin.on("data", onData);
    });
  return {
    ask: async (prompt, hidden = false) => {
      process.stderr.write(prompt);
      return hidden && stdin.isTTY ? readHidden() : nextLine();
    },
    close: () => rl.close(),
  };
}

export async function login(connection: Connection, options: { email?: string; password?: string }): Promise<void> {
  let { email, password } = options;
  if (!email || !password) {
    const prompt = openPrompt();
    try {
      email ??= await prompt.ask("Email: ");
      password ??= await prompt.ask("Password: ", true);
    } finally {
      prompt.close();
    }
  }
  const issued = await apiRequest<{ token: string; expiresAt: string }>({ url: connection.url }, "POST", "api/v1/auth/token", {
    email,
    password,
    name: `CLI on ${os.hostname()}`.slice(0, 100),
  });
  const file = await storeToken(issued.token);
  process.stderr.write(`Signed in as ${email}; token stored in ${file} (expires ${issued.expiresAt.slice(0, 10)}).\n`);
}
