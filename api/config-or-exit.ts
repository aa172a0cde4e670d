import { ConfigError, loadConfig, type Config } from './config.ts';

/** The environment, or the process ends naming each variable to fix (no stack trace). */
export function configOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    // EX_CONFIG: the systemd units do not restart on it (RestartPreventExitStatus=78).
    process.exit(78);
  }
}
