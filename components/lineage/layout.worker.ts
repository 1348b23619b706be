// Lays the lineage graph out off the main thread: ELK layered up to ELK_NODE_CAP nodes, the layer layout above it.
// elkjs's bundle, loaded in a worker, claims self.onmessage for its own protocol; the assignment below replaces it.
import ELK from "elkjs/lib/elk.bundled.js";
import { ELK_NODE_CAP, elkGraph, layerLayout, type LayoutRequest, type LayoutResult, type Positions } from "./layout";

const elk = new ELK();
const reply = (self as unknown as { postMessage(message: unknown): void }).postMessage.bind(self);

self.onmessage = async (event: MessageEvent<LayoutRequest & { id: number }>) => {
  const { id, ...request } = event.data;
  const started = performance.now();
  let result: LayoutResult;
  if (request.nodes.length <= ELK_NODE_CAP) {
    // Something to look at at once; ELK's answer replaces it when it comes.
    reply({ id, preliminary: true, positions: layerLayout(request), algorithm: "layers", ms: performance.now() - started });
    try {
      const laid = await elk.layout(elkGraph(request));
      const positions: Positions = {};
      for (const child of laid.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
      result = { positions, algorithm: "elk", ms: performance.now() - started };
    } catch {
      result = { positions: layerLayout(request), algorithm: "layers", ms: performance.now() - started };
    }
  } else {
    result = { positions: layerLayout(request), algorithm: "layers", ms: performance.now() - started };
  }
  reply({ id, ...result });
};
// The bundler's worker bootstrap loads this module asynchronously, so a message posted before it ran would be lost:
// say when the handler is in place.
reply({ ready: true });
