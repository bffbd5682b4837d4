// Loads newsgraph's GraphML and GEXF with graphology's parsers (those behind
// Gephi Lite) and prints what they saw, as JSON, for tests/interop.rs.
//
//     node tests/interop.cjs DIR NAME
const fs = require('fs');
const path = require('path');
const Graph = require('graphology');
const graphml = require('graphology-graphml');
const gexf = require('graphology-gexf');

const [folder, name] = process.argv.slice(2);
const read = (ext) => fs.readFileSync(path.join(folder, `${name}.${ext}`), 'utf8');
const fromGraphml = graphml.parse(Graph, read('graphml'), {addMissingNodes: false});
const fromGexf = gexf.parse(Graph, read('gexf'));
const labels = (g) => g.nodes().map((n) => g.getNodeAttribute(n, 'label')).sort();
const positioned = (g) => g.nodes().every((n) => typeof g.getNodeAttribute(n, 'x') === 'number' && typeof g.getNodeAttribute(n, 'y') === 'number');
console.log(JSON.stringify({
  graphology_graphml: [fromGraphml.order, fromGraphml.size],
  graphology_gexf: [fromGexf.order, fromGexf.size],
  labels_agree: JSON.stringify(labels(fromGraphml)) === JSON.stringify(labels(fromGexf)),
  labels: labels(fromGexf),
  positioned: positioned(fromGraphml) && positioned(fromGexf),
  no_type_attribute: fromGexf.nodes().every((n) => !fromGexf.hasNodeAttribute(n, 'type')),
}));
