/**
 * Push events from services to whichever transports are listening (Electron IPC, the browser
 * host's WebSockets, the CLI's progress output).
 */
import type { EventName, EventOf } from '../../shared/contract/index';

/** A listener receives every event; transports forward them as they are. */
export type EventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event to every listener. A failing listener never breaks the service that emits. */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        console.error(`event listener failed for ${event}:`, (error as Error).message);
      }
    }
  }
}
