/** A list of clean-up functions run together, e.g. when a view is rebuilt. */
export class DisposableStore {
  private readonly disposers: (() => void)[] = [];

  /** Registers a clean-up function and returns it. */
  add(disposer: () => void): () => void {
    this.disposers.push(disposer);
    return disposer;
  }

  /** Runs every registered function once, last registered first, and empties the list. */
  dispose(): void {
    while (this.disposers.length > 0) {
      const disposer = this.disposers.pop() as () => void;
      disposer();
    }
  }
}
