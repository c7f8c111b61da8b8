// The page's JSON source mapper in Node: pointers to ranges of the text as typed,
// syntax error offsets, and re-indenting that keeps long integers' digits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.mjs';
import { indentJson, lineColumn, locate, parseWithPositions, pointerSegments } from '../../www/js/json-source.js';

const sample = (name) => readFileSync(path.join(ROOT, 'www', 'samples', name), 'utf8');
const slice = (text, range) => text.slice(range.start, range.end);

test('every sample is valid JSON and parses with positions', () => {
  const index = JSON.parse(sample('index.json'));
  assert.equal(index.length, 6);
  for (const { file } of index) {
    const text = sample(file);
    assert.doesNotThrow(() => JSON.parse(text), file);
    assert.equal(parseWithPositions(text).ok, true, file);
  }
});

test('pointers resolve to the value as written', () => {
  const text = sample('access-key-response.json');
  const { root } = parseWithPositions(text);
  assert.equal(slice(text, locate(root, '/data/0/receipt/products/1/accessPeriod/endTime')), '"2036-04-29T06:06:20Z"');
  assert.equal(slice(text, locate(root, '/data/0/receipt/customerId')), '"5454514002955629343"');
  assert.equal(slice(text, locate(root, '/data/0/receipt/products/1/maxCalls')), '200');
  // A container resolves to its key, not its whole body.
  assert.equal(slice(text, locate(root, '/data/0/receipt/products')), '"products"');
});

test('a number too long for a double keeps its exact text', () => {
  const text = sample('numeric-ids.json');
  const { root } = parseWithPositions(text);
  assert.equal(slice(text, locate(root, '/customerId')), '5454514002955629343');
  assert.equal(slice(text, locate(root, '/products/0/accountId')), '4633415743960374024');
});

test('a missing member resolves to its parent, flagged missing', () => {
  const text = '{"a": {"b": 1}}';
  const { root } = parseWithPositions(text);
  const range = locate(root, '/a/c');
  assert.equal(range.missing, true);
  assert.equal(slice(text, range), '"a": {');
  assert.equal(locate(root, '/nope/deeper').missing, true);
  assert.equal(slice(text, locate(root, '/nope')), '{');
});

test('escaped pointer segments and keys', () => {
  assert.deepEqual(pointerSegments('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']);
  assert.deepEqual(pointerSegments(''), []);
  const text = '{"a/b": {"c~d": ["x", "y"]}, "q\\"k": true}';
  const { root } = parseWithPositions(text);
  assert.equal(slice(text, locate(root, '/a~1b/c~0d/1')), '"y"');
  assert.equal(slice(text, locate(root, '/q"k')), 'true');
});

test('syntax errors report where they are', () => {
  for (const [text, at] of [['{"a": 1,}', 8], ['{"a" 1}', 5], ['[1, 2', 5], ['{"a": tru}', 6], ['{"a": 1} x', 9], ['', 0]]) {
    const parsed = parseWithPositions(text);
    assert.equal(parsed.ok, false, text);
    assert.equal(parsed.error.offset, at, text);
  }
  assert.deepEqual(lineColumn('{\n  "a": x\n}', 9), { line: 2, column: 8 });
});

test('indenting keeps every digit and every string byte', () => {
  const text = '{"id":12345678901234567890,"s":"a\\"b\\u00e9","n":[1.5e3,-0,{}],"e":[]}';
  const pretty = indentJson(text);
  assert.match(pretty, /"id": 12345678901234567890/);
  assert.match(pretty, /"s": "a\\"b\\u00e9"/);
  assert.match(pretty, /1\.5e3/);
  assert.deepEqual(JSON.parse(pretty), JSON.parse(text));
  assert.equal(indentJson('{not json'), '{not json');
});
