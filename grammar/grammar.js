/**
 * @file tree-sitter grammar for ropa, the record-of-processing-activities language
 * @license MIT
 */

// @ts-check
/// <reference types="tree-sitter-cli/dsl" />

// The grammar is deliberately generic (like HCL or KDL): which keys exist and which values they
// take is the schema, checked after parsing. That keeps the parser small and fast, and lets a
// half-typed document still produce a tree.

const ITEM_KINDS = ['controller', 'processor', 'activity', 'category', 'subject', 'section', 'client'];
const TIME_UNITS = ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years'];

module.exports = grammar({
  name: 'ropa',

  // U+FEFF: a byte-order mark some Windows editors write at the start of a file.
  extras: $ => [/\s|\uFEFF/, $.comment],

  word: $ => $.identifier,

  // Item keywords may not be keys, so that an item whose `}` is missing ends where the next item
  // starts instead of swallowing it; values (`role processor`) may still use them.
  reserved: {
    global: _ => ITEM_KINDS,
    value: _ => [],
  },

  rules: {
    source_file: $ => repeat($.item),

    item: $ => seq(
      field('kind', $.item_kind),
      optional(field('name', $.identifier)),
      field('body', $.block),
    ),

    item_kind: _ => choice(...ITEM_KINDS),

    block: $ => seq('{', repeat($.field), '}'),

    field: $ => seq(
      field('key', $.identifier),
      choice(
        seq(field('value', $._value), optional(field('body', $.block))),
        field('body', $.block),
      ),
      optional(';'),
    ),

    _value: $ => choice(
      $.string,
      $.text_block,
      reserved('value', $.identifier),
      $.integer,
      $.date,
      $.duration,
      $.boolean,
      $.list,
    ),

    list: $ => seq(
      '[',
      optional(seq(
        field('element', $._value),
        repeat(seq(',', field('element', $._value))),
        optional(','),
      )),
      ']',
    ),

    duration: $ => seq(field('amount', $.integer), field('unit', $.time_unit)),

    time_unit: _ => choice(...TIME_UNITS),

    boolean: _ => choice('true', 'false'),

    // Escapes are checked by the typed layer, so that a bad escape is a precise diagnostic
    // instead of a parse error that swallows the rest of the line.
    string: _ => token(seq('"', repeat(choice(/[^"\\\r\n]/, /\\[^\r\n]/)), '"')),

    // `"""` … `"""`; the typed layer requires the newline after the opening quotes and strips the
    // common indentation.
    text_block: _ => token(seq(
      '"""',
      repeat(choice(/[^"]/, /"[^"]/, /""[^"]/)),
      '"""',
    )),

    date: _ => /[0-9]{4}-[0-9]{2}-[0-9]{2}/,

    integer: _ => /[0-9]+/,

    identifier: _ => /[A-Za-z_][A-Za-z0-9_]*/,

    comment: _ => token(seq('//', /[^\r\n]*/)),
  },
});
