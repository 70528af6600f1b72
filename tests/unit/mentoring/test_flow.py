from mentoring.planning.flow import MinCostFlow


def test_the_cheapest_maximum_flow_is_found():
    # Given two routes from 0 to 3, one cheap with room for 1, one dear with room for 2
    network = MinCostFlow(4)
    cheap = network.add_edge(0, 1, 1, 1)
    network.add_edge(1, 3, 1, 1)
    dear = network.add_edge(0, 2, 2, 5)
    network.add_edge(2, 3, 2, 5)

    # When three units are asked for
    flow, cost = network.run(0, 3, 3)

    # Then all three flow, the cheap route first
    assert (flow, cost) == (3, 2 + 20)
    assert network.flow_on(cheap) == 1 and network.flow_on(dear) == 2


def test_a_short_flow_leaves_the_cut_reachable():
    network = MinCostFlow(3)
    network.add_edge(0, 1, 5, 0)
    network.add_edge(1, 2, 1, 0)

    assert network.run(0, 2, 5) == (1, 0)
    assert network.reachable(0) == {0, 1}
