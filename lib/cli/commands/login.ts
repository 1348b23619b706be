import os from "node:os";
import { createInterface } from "node:readline/promises";
import { apiRequest, storeToken, type Connection } from "../http";

/** Reads a line without echoing it when stdin is a terminal (the password). */
async function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return readLine(prompt);
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          done();
          return resolve(value);
        }
        if (char === "\u0003") {
          done();
          return reject(new Error("cancelled"));
        }
        value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}

async function readLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(prompt)).trim();
  } finally {
    rl.close();
  }
}

export async function login(connection: Connection, options: { email?: string; password?: string }): Promise<void> {
  const email = options.email ?? (await readLine("Email: "));
  const password = options.password ?? (await readHidden("Password: "));
  const issued = await apiRequest<{ token: string; expiresAt: string }>({ url: connection.url }, "POST", "api/v1/auth/token", {
    email,
    password,
    name: `CLI on ${os.hostname()}`.slice(0, 100),
  });
  const file = await storeToken(issued.token);
  process.stderr.write(`Signed in as ${email}; token stored in ${file} (expires ${issued.expiresAt.slice(0, 10)}).\n`);
}
