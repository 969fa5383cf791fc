//! Graph algorithms over the types of an API, written with explicit stacks: a spec decides how
//! deep its types nest (a chain of 5,000 definitions, each holding the next, is valid), so no
//! traversal of them may recurse once per level.

use std::collections::BTreeMap;

/// The strongly connected components of the graph whose nodes are `0..edges.len()` and whose
/// edges are `edges[node]`: each node's component number, components numbered in the order
/// Tarjan's algorithm closes them (a component's successors are closed before it). Iterative,
/// linear in nodes plus edges.
pub(crate) fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    // The depth-first path: (node, how many of its edges were followed).
    let mut path: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if index[start] != UNVISITED {
            continue;
        }
        path.push((start, 0));
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (node, ref mut followed)) = path.last_mut() {
            if let Some(&next) = edges[node].get(*followed) {
                *followed += 1;
                if index[next] == UNVISITED {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    path.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            path.pop();
            if let Some(&(parent, _)) = path.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Nodes named by `K`, numbered in key order, with the edges `edges_of` gives each (edges to
/// keys that are not nodes are dropped).
pub(crate) struct Graph<K: Ord + Clone> {
    /// The nodes, in key order.
    pub keys: Vec<K>,
    /// Key → node number.
    pub numbers: BTreeMap<K, usize>,
    /// Each node's edges.
    pub edges: Vec<Vec<usize>>,
}

impl<K: Ord + Clone> Graph<K> {
    /// The graph of `keys` (any order; sorted here) with `edges_of(key)` as each node's edges.
    pub fn new(keys: impl IntoIterator<Item = K>, mut edges_of: impl FnMut(&K) -> Vec<K>) -> Self {
        let mut keys: Vec<K> = keys.into_iter().collect();
        keys.sort();
        keys.dedup();
        let numbers: BTreeMap<K, usize> = keys.iter().cloned().enumerate().map(|(i, k)| (k, i)).collect();
        let edges = keys.iter().map(|k| edges_of(k).iter().filter_map(|to| numbers.get(to).copied()).collect()).collect();
        Self { keys, numbers, edges }
    }

    /// Each node's strongly connected component (see [`strongly_connected`]).
    pub fn components(&self) -> Vec<usize> {
        strongly_connected(&self.edges)
    }

    /// For each node, whether it is on a cycle: its component (from `components`) has another
    /// member, or it has an edge to itself.
    pub fn cyclic(&self, components: &[usize]) -> Vec<bool> {
        let sizes = component_sizes(components);
        (0..self.keys.len()).map(|node| sizes[components[node]] > 1 || self.edges[node].contains(&node)).collect()
    }
}

/// For each component, how many nodes it has (indexed by component number).
fn component_sizes(components: &[usize]) -> Vec<usize> {
    let mut sizes = vec![0; components.iter().max().map_or(0, |m| m + 1)];
    for c in components {
        sizes[*c] += 1;
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_small_graph() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 0 is not on it; 4 → 4 is a loop.
        let components = strongly_connected(&[vec![1], vec![2], vec![0], vec![0], vec![4]]);
        assert_eq!(components[0], components[1]);
        assert_eq!(components[1], components[2]);
        assert_ne!(components[3], components[0]);
        assert_ne!(components[4], components[0]);
        // Successors close first.
        assert!(components[0] < components[3]);
        assert_eq!(component_sizes(&components).iter().sum::<usize>(), 5);
    }

    #[test]
    fn a_long_chain_does_not_recurse() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![0] }).collect();
        let components = strongly_connected(&edges);
        assert!(components.iter().all(|c| *c == components[0]), "one cycle through every node");
    }
}
