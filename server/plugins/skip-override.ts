import type { FastifyPluginAsync } from 'fastify';

/**
 * Marks a plugin as applying to the instance that registers it, as fastify-plugin does: hooks,
 * decorators and the error handler of these plugins must reach every route file, which Fastify
 * otherwise keeps apart in contexts of their own.
 */
export function shared<T extends Record<string, unknown>>(
  name: string,
  plugin: FastifyPluginAsync<T>,
): FastifyPluginAsync<T> {
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: name });
  return plugin;
}
