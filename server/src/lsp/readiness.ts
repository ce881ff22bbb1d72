// Whether the workspace folders are indexed yet: before that, edits wait and requests are
// answered once it is (a file validated earlier would get a root of its own folder).
export class Readiness {
  private isReady = false;
  private markIndexed!: () => void;
  /** Settles when the workspace folders are indexed. */
  readonly indexed = new Promise<void>((resolve) => (this.markIndexed = resolve));

  get ready(): boolean {
    return this.isReady;
  }

  markReady(): void {
    this.isReady = true;
    this.markIndexed();
  }
}
