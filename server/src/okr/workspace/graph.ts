// Strongly connected components (Tarjan's algorithm, iterative so that a loop of
// 10,000 objectives cannot overflow the stack). An edge lies on a loop exactly when
// both ends are in one component (a self-edge is a loop of its own).

export function stronglyConnectedComponents<T>(nodes: Iterable<T>, successors: (node: T) => T[]): Map<T, number> {
  const indexOf = new Map<T, number>();
  const lowLink = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const component = new Map<T, number>();
  let nextIndex = 0;
  let nextComponent = 0;

  for (const root of nodes) {
    if (indexOf.has(root)) continue;
    const work: { node: T; next: T[]; at: number }[] = [];
    const visit = (node: T) => {
      indexOf.set(node, nextIndex);
      lowLink.set(node, nextIndex);
      nextIndex++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: successors(node), at: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.next.length) {
        const child = frame.next[frame.at++]!;
        if (!indexOf.has(child)) visit(child);
        else if (onStack.has(child)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, indexOf.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) === indexOf.get(frame.node)) {
        let member: T;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, nextComponent);
        } while (member !== frame.node);
        nextComponent++;
      }
    }
  }
  return component;
}
