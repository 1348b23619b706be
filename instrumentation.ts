export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { installPeerStamp } = await import("./lib/api/client-address");
    installPeerStamp();
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
