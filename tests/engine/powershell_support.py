"""Parse generated PowerShell with tree-sitter-powershell and reduce it to its structure.

PowerShell's tokenizer treats U+2018-U+201B as `'`, U+201C-U+201E as `"`, U+2013-U+2015 as `-`, and a
lone CR as a line break; the grammar knows only the ASCII forms, so the text is mapped first, as the
tokenizer would read it. The structure of a script is its syntax tree with every value (a single-quoted
literal, or a parenthesised join of literals and [char] codes) replaced by one VALUE leaf: two scripts
with the same structure run the same commands with the same parameters, in the same blocks.
"""

from __future__ import annotations

import html
import re

import tree_sitter
import tree_sitter_powershell

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
AS_TOKENIZED = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"',
                              "\u201d": '"', "\u201e": '"', "\u2013": "-", "\u2014": "-", "\u2015": "-"})
LONE_CR = re.compile(r"\r(?!\n)")
# The nodes a value may be made of: string literals joined with + to [char] codes.
VALUE_NODES = frozenset({
    "string_literal", "verbatim_string_characters", "parenthesized_expression", "pipeline", "pipeline_chain",
    "logical_expression", "bitwise_expression", "comparison_expression", "additive_expression",
    "multiplicative_expression", "format_expression", "range_expression", "array_literal_expression",
    "unary_expression", "expression_with_unary_operator", "cast_expression", "type_literal", "type_spec",
    "type_name", "type_identifier", "integer_literal", "hexadecimal_integer_literal", "invokation_expression",
    "member_name", "simple_name", "argument_list", "argument_expression_list", "argument_expression",
    "logical_argument_expression", "bitwise_argument_expression", "comparison_argument_expression",
    "additive_argument_expression", "multiplicative_argument_expression", "format_argument_expression",
    "range_argument_expression",
})
VALUE_LEAVES = ("verbatim_string_characters", "hexadecimal_integer_literal")
VALUE_WORDS = frozenset({"(", ")", "[", "]", "+", "::", "char", "ConvertFromUtf32"})
# What a value must never turn into.
CODE_FROM_DATA = frozenset({"expandable_string_literal", "expandable_here_string_literal",
                            "verbatim_here_string_characters", "sub_expression"})


def as_tokenized(text: str) -> str:
    """The script as PowerShell's tokenizer sees it: quote and dash equivalents and lone CR in ASCII."""
    return LONE_CR.sub("\n", text.translate(AS_TOKENIZED))


def parse(text: str) -> tree_sitter.Tree:
    """The syntax tree of a script."""
    return PARSER.parse(as_tokenized(text).encode("utf-8"))


def problems(tree: tree_sitter.Tree) -> list[str]:
    """ERROR and MISSING nodes, with their text."""
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            found.append(f"{node.type} at {node.start_point}: {node.text.decode('utf-8', 'replace')[:80]!r}")
        stack.extend(node.children)
    return found


def _is_value(node: tree_sitter.Node) -> bool:
    """A literal, or a parenthesised join of literals and [char] codes."""
    if node.type == "string_literal":
        return True
    if node.type != "parenthesized_expression":
        return False
    stack = list(node.children)
    while stack:
        child = stack.pop()
        if child.type == "string_literal":
            continue
        if child.is_named and child.type not in VALUE_NODES:
            return False
        leaf_word = child.child_count == 0 and child.type not in VALUE_LEAVES
        if leaf_word and child.text.decode() not in VALUE_WORDS:
            return False
        stack.extend(child.children)
    return True


def structure(text: str) -> list:
    """The script's syntax tree as a flat list, each value one VALUE leaf; fails on a parse problem."""
    tree = parse(text)
    found = problems(tree)
    assert not found, f"the script does not parse: {found}\n{text}"
    out: list = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif _is_value(node):
            out.append("VALUE")
        elif node.child_count == 0:
            out.append((node.type, node.text.decode("utf-8")))
        else:
            assert node.type not in CODE_FROM_DATA, f"{node.type} in the script: {node.text.decode()[:80]}\n{text}"
            out.append(node.type)
            stack.append(")")
            stack.extend(reversed(node.children))
    return out


def commands(text: str) -> list[str]:
    """The command names the script runs, in order."""
    tree = parse(text)
    found = problems(tree)
    assert not found, f"the script does not parse: {found}\n{text}"
    names, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "command_name":
            names.append(node.text.decode("utf-8"))
        stack.extend(reversed(node.children))
    return names


def html_script(page: str) -> str:
    """The remediation script embedded in an HTML report."""
    match = re.search(r'<pre id="script">(.*?)</pre>', page, re.DOTALL)
    assert match, "the page has no remediation script"
    return html.unescape(match.group(1))
