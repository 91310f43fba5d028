import type { StudioEvent, StudioEventListener } from '../../shared/api';

/** Fans the host's events out to every connected renderer; a failing listener never stops the others. */
export class EventHub {
  private readonly listeners = new Set<StudioEventListener>();

  subscribe(listener: StudioEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  emit(event: StudioEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A renderer that went away mid-send is dropped by its transport; the rest still hear.
      }
    }
  }
}
