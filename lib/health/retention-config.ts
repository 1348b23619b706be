/** How long roll-ups are kept: minute data 14 days, hourly 13 months (~396 days), unless configured. */
export function retentionConfig(env: NodeJS.ProcessEnv = process.env): { minuteDays: number; hourDays: number } {
  const read = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { minuteDays: read("HEALTH_MINUTE_RETENTION_DAYS", 14), hourDays: read("HEALTH_HOUR_RETENTION_DAYS", 396) };
}
