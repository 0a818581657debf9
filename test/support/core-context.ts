import type { CoreContext, EventPublisher, Topic, Topics } from '@contrail/core';
import type { Db } from '@contrail/db';

export interface RecordedEvent<T extends Topic = Topic> {
  topic: T;
  key: string;
  payload: Topics[T];
}

/** A core context over a test database whose events are recorded for assertions. */
export function recordingContext(db: Db): CoreContext & { published: RecordedEvent[] } {
  const published: RecordedEvent[] = [];
  const events: EventPublisher = {
    publish: (topic, key, payload) => void published.push({ topic, key, payload } as RecordedEvent),
  };
  return { db, events, artifactRoot: 'file:///tmp/contrail-test-artifacts', published };
}
