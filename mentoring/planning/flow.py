"""A small, deterministic min-cost max-flow (successive shortest paths, Dijkstra with potentials).

Graphs here have a few thousand edges at most (one small-class cohort against the street's
mentors), so a plain implementation is fast enough and keeps the app free of a graph library.
Ties are broken by insertion order, so the same input always gives the same flow.
"""

import heapq

INFINITY = float("inf")


class MinCostFlow:
    def __init__(self, nodes: int):
        # Each edge is [to, residual capacity, cost, index of the reverse edge in graph[to]].
        self.graph: list[list[list[int]]] = [[] for _ in range(nodes)]

    def add_node(self) -> int:
        self.graph.append([])
        return len(self.graph) - 1

    def add_edge(self, source: int, target: int, capacity: int, cost: int) -> tuple[int, int]:
        if cost < 0:
            raise ValueError("costs must not be negative")
        self.graph[source].append([target, capacity, cost, len(self.graph[target])])
        self.graph[target].append([source, 0, -cost, len(self.graph[source]) - 1])
        return source, len(self.graph[source]) - 1

    def flow_on(self, edge: tuple[int, int]) -> int:
        """How much flow runs through an edge returned by ``add_edge``."""
        source, index = edge
        target, _capacity, _cost, reverse = self.graph[source][index]
        return self.graph[target][reverse][1]

    def residual(self, edge: tuple[int, int]) -> int:
        source, index = edge
        return self.graph[source][index][1]

    def run(self, source: int, sink: int, limit: int) -> tuple[int, int]:
        """Push up to ``limit`` units from source to sink at least cost; (flow, cost)."""
        size = len(self.graph)
        potential = [0] * size
        flow = cost = 0
        while flow < limit:
            distance = [INFINITY] * size
            previous: list[tuple[int, int] | None] = [None] * size
            distance[source] = 0
            queue = [(0, source)]
            while queue:
                dist, node = heapq.heappop(queue)
                if dist > distance[node]:
                    continue
                for index, (target, capacity, edge_cost, _rev) in enumerate(self.graph[node]):
                    if capacity <= 0:
                        continue
                    candidate = dist + edge_cost + potential[node] - potential[target]
                    if candidate < distance[target]:
                        distance[target] = candidate
                        previous[target] = (node, index)
                        heapq.heappush(queue, (candidate, target))
            if distance[sink] == INFINITY:
                break
            for node in range(size):
                if distance[node] < INFINITY:
                    potential[node] += distance[node]
            push = limit - flow
            node = sink
            while node != source:
                parent, index = previous[node]
                push = min(push, self.graph[parent][index][1])
                node = parent
            node = sink
            while node != source:
                parent, index = previous[node]
                edge = self.graph[parent][index]
                edge[1] -= push
                self.graph[node][edge[3]][1] += push
                cost += push * edge[2]
                node = parent
            flow += push
        return flow, cost

    def reachable(self, source: int) -> set[int]:
        """Nodes reachable from ``source`` in the residual graph (the source side of a min cut)."""
        seen = {source}
        stack = [source]
        while stack:
            node = stack.pop()
            for target, capacity, _cost, _rev in self.graph[node]:
                if capacity > 0 and target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen
