import type { CoreContext } from '../context.js';
import { ALL_MODELS, type Topics } from '../events.js';

type RegistryTopic = 'modelAliasChanged' | 'modelVersionCreated';

/** Publishes a registry event under the model's name and on the all-models channel (after commit). */
export function publishModelEvent<T extends RegistryTopic>(ctx: CoreContext, topic: T, name: string, payload: Topics[T]): void {
  ctx.events.publish(topic, name, payload);
  if (name !== ALL_MODELS) ctx.events.publish(topic, ALL_MODELS, payload);
}
