import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server process (`GET /metrics`). */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'digibank_turns_total',
    help: 'Turns run, by channel and outcome (ok, error).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly turnDuration = new Histogram({
    name: 'digibank_turn_duration_seconds',
    help: 'Time from taking a conversation\'s lock to committing the turn.',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly inbound = new Counter({
    name: 'digibank_inbound_messages_total',
    help: 'Inbound messages received, by channel and whether they were a duplicate delivery.',
    labelNames: ['channel', 'duplicate'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'digibank_' });
  }
}
