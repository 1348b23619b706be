import { describe, expect, it } from "vitest";
import { guardedLookup, urlRefusal } from "./url-guard";

const env = {} as NodeJS.ProcessEnv;

describe("webhook URL guard", () => {
  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.10/hook",
    "http://172.20.0.1/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hook",
    "http://[fd00::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://intranet/hook",
    "ftp://example.com/hook",
    "https://user:pass@example.com/hook",
  ])("refuses %s", (url) => {
    expect(urlRefusal(url, env)).not.toBeNull();
  });

  it("accepts public addresses and names", () => {
    expect(urlRefusal("https://hooks.slack.com/services/T000/B000/XXXX", env)).toBeNull();
    expect(urlRefusal("https://93.184.216.34/hook", env)).toBeNull();
  });

  it("allows private addresses only with WEBHOOK_ALLOW_PRIVATE=1", () => {
    expect(urlRefusal("http://127.0.0.1:8080/hook", { WEBHOOK_ALLOW_PRIVATE: "1" } as unknown as NodeJS.ProcessEnv)).toBeNull();
  });
});

describe("connect-time lookup (DNS rebinding)", () => {
  const lookupWith = (addresses: { address: string; family: number }[], e: NodeJS.ProcessEnv = env) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      guardedLookup(e, async () => addresses)("rebind.example.com", { all: true }, (error, address) => resolve({ error, address })),
    );

  it("refuses a name that resolves to loopback at connect time, even when it looked public before", async () => {
    const { error } = await lookupWith([{ address: "127.0.0.1", family: 4 }]);
    expect(error?.message).toBe("rebind.example.com resolves to 127.0.0.1, a private or loopback address");
  });

  it("refuses when any of the addresses is private", async () => {
    const { error } = await lookupWith([{ address: "93.184.216.34", family: 4 }, { address: "::ffff:169.254.169.254", family: 6 }]);
    expect(error?.message).toMatch(/169\.254\.169\.254, a private or loopback address/);
  });

  it("passes public addresses on, and private ones only with WEBHOOK_ALLOW_PRIVATE=1", async () => {
    expect(await lookupWith([{ address: "93.184.216.34", family: 4 }])).toEqual({ error: null, address: [{ address: "93.184.216.34", family: 4 }] });
    expect((await lookupWith([{ address: "127.0.0.1", family: 4 }], { WEBHOOK_ALLOW_PRIVATE: "1" } as unknown as NodeJS.ProcessEnv)).error).toBeNull();
  });
});
