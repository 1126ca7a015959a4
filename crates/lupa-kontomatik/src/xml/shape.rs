//! Document shapes for comparisons: [`element_tree`] reads any XML document into a plain [`Node`]
//! tree (decoded attributes and text), and [`shape`] summarises it per element path — which
//! attributes and which child elements, in which order — so that tests can assert that a generated
//! reply (the sandbox's, the writer's) looks exactly like a real capture.
//!
//! Reading uses the same hardened cursor as the reply parser: DTDs are refused, depth and size
//! are capped, nothing panics.

use std::collections::BTreeMap;
use std::fmt;

use quick_xml::events::Event;

use super::parse::cursor::{Cursor, Elem, append};
use super::parse::{find_root, finish, is_blank};
use super::{Limits, ParseError};

/// One element of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The element name as written (with its prefix, if any).
    pub name: String,
    /// Attributes in document order, values decoded.
    pub attributes: Vec<(String, String)>,
    /// All text directly inside the element, decoded and concatenated; `None` when there is none
    /// or it is whitespace only (the indentation between elements).
    pub text: Option<String>,
    /// Child elements in document order.
    pub children: Vec<Node>,
}

impl Node {
    /// The same tree with every element's attributes sorted by name: for comparisons where
    /// attribute order does not matter (it never does in XML).
    pub fn with_sorted_attributes(mut self) -> Node {
        self.attributes.sort();
        self.children = self
            .children
            .into_iter()
            .map(Node::with_sorted_attributes)
            .collect();
        self
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.name == name)
    }

    /// The value of attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Reads `xml` into a [`Node`] tree rooted at the document element, with the default [`Limits`].
pub fn element_tree(xml: &[u8]) -> Result<Node, ParseError> {
    element_tree_with(xml, &Limits::default())
}

/// Reads `xml` into a [`Node`] tree rooted at the document element.
pub fn element_tree_with(xml: &[u8], limits: &Limits) -> Result<Node, ParseError> {
    if xml.len() > limits.max_bytes {
        return Err(ParseError::TooLarge {
            size: xml.len(),
            limit: limits.max_bytes,
        });
    }
    if is_blank(xml) {
        return Err(ParseError::Empty);
    }
    let mut cur = Cursor::new(xml, limits);
    let root = find_root(&mut cur)?;
    let node = build(&mut cur, &root)?;
    finish(&mut cur)?;
    Ok(node)
}

/// Reads `elem` (start tag already read) and its content. Recursion depth is bounded by the
/// cursor's depth limit.
fn build<'a>(cur: &mut Cursor<'a>, elem: &Elem<'a>) -> Result<Node, ParseError> {
    let mut attributes = Vec::new();
    cur.attributes(elem, |key, value| {
        attributes.push((
            String::from_utf8_lossy(key).into_owned(),
            value.into_owned(),
        ));
        Ok(())
    })?;
    let mut node = Node {
        name: String::from_utf8_lossy(elem.name()).into_owned(),
        attributes,
        text: None,
        children: Vec::new(),
    };
    if elem.empty {
        return Ok(node);
    }
    let mut text = std::borrow::Cow::Borrowed("");
    loop {
        let begin = cur.pos();
        match cur.event()? {
            Event::Start(start) => {
                let child = Elem {
                    start,
                    empty: false,
                    depth: cur.depth(),
                    begin,
                };
                node.children.push(build(cur, &child)?);
            }
            Event::Empty(start) => {
                let child = Elem {
                    start,
                    empty: true,
                    depth: cur.depth() + 1,
                    begin,
                };
                node.children.push(build(cur, &child)?);
            }
            Event::End(_) => break,
            Event::Eof => return Err(cur.malformed(begin, "unexpected end of document")),
            event => {
                if let Some(piece) = cur.content(event, begin)? {
                    append(&mut text, piece);
                }
            }
        }
    }
    if !text
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        .is_empty()
    {
        node.text = Some(text.into_owned());
    }
    Ok(node)
}

/// What elements at one path look like, merged over all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathShape {
    /// Attribute names, in document order merged over all elements at this path (a name first seen
    /// later is placed after the names it followed).
    pub attributes: Vec<String>,
    /// Distinct child element names, merged the same way: e.g. owners `name, kind` and
    /// `name, address, kind` give `name, address, kind`.
    pub children: Vec<String>,
    /// Pairs seen in both orders (`"kind before party"` when some element had `kind` before `party`
    /// although the merged order says otherwise). Empty for a consistently ordered document.
    pub order_conflicts: Vec<String>,
}

/// The shape of a document: for every element path (names joined by `/`, no indices, e.g.
/// `reply/command/result/accounts/account/moneyTransactions/moneyTransaction/labels/label`), the
/// attribute names and the child element names in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    paths: BTreeMap<String, PathShape>,
}

/// The [`Shape`] of `xml`.
pub fn shape(xml: &[u8]) -> Result<Shape, ParseError> {
    Ok(Shape::of(&element_tree(xml)?))
}

impl Shape {
    /// The shape of an element tree.
    pub fn of(root: &Node) -> Shape {
        let mut shape = Shape::default();
        shape.add(root, &root.name);
        shape
    }

    fn add(&mut self, node: &Node, path: &str) {
        let entry = self.paths.entry(path.to_owned()).or_default();
        let attributes: Vec<&str> = node
            .attributes
            .iter()
            .map(|(key, _)| key.as_str())
            .collect();
        merge(
            &mut entry.attributes,
            &mut entry.order_conflicts,
            &attributes,
            "@",
        );
        let children: Vec<&str> = node
            .children
            .iter()
            .map(|child| child.name.as_str())
            .collect();
        merge(
            &mut entry.children,
            &mut entry.order_conflicts,
            &children,
            "",
        );
        for child in &node.children {
            self.add(child, &format!("{path}/{}", child.name));
        }
    }

    /// The element paths with their shapes, sorted by path.
    pub fn paths(&self) -> impl Iterator<Item = (&str, &PathShape)> {
        self.paths
            .iter()
            .map(|(path, shape)| (path.as_str(), shape))
    }

    /// The shape at `path`.
    pub fn get(&self, path: &str) -> Option<&PathShape> {
        self.paths.get(path)
    }

    /// Human-readable differences between `self` (the document under test) and `expected` (e.g. a
    /// capture); empty when the shapes are equal.
    pub fn diff(&self, expected: &Shape) -> Vec<String> {
        let mut differences = Vec::new();
        for (path, want) in &expected.paths {
            match self.paths.get(path) {
                None => differences.push(format!("{path}: missing (expected element)")),
                Some(have) => {
                    if have.attributes != want.attributes {
                        differences.push(format!(
                            "{path}: attributes {:?}, expected {:?}",
                            have.attributes, want.attributes
                        ));
                    }
                    if have.children != want.children {
                        differences.push(format!(
                            "{path}: children {:?}, expected {:?}",
                            have.children, want.children
                        ));
                    }
                    if have.order_conflicts != want.order_conflicts {
                        differences.push(format!(
                            "{path}: order conflicts {:?}, expected {:?}",
                            have.order_conflicts, want.order_conflicts
                        ));
                    }
                }
            }
        }
        for path in self.paths.keys() {
            if !expected.paths.contains_key(path) {
                differences.push(format!("{path}: unexpected element path"));
            }
        }
        differences
    }
}

/// One line per path: `path [@attr, …] -> child, …`.
impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (path, shape) in &self.paths {
            write!(f, "{path}")?;
            if !shape.attributes.is_empty() {
                write!(f, " [@{}]", shape.attributes.join(", @"))?;
            }
            if !shape.children.is_empty() {
                write!(f, " -> {}", shape.children.join(", "))?;
            }
            if !shape.order_conflicts.is_empty() {
                write!(f, " (conflicts: {})", shape.order_conflicts.join(", "))?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// Merges one element's sequence of names into the known order: a new name goes right after the
/// last known name before it (or before the first known name after it, or at the end); a known
/// name appearing before one it is known to follow is an order conflict.
/// Conflicts are written with `prefix` before each name (`@` for attributes).
fn merge(order: &mut Vec<String>, conflicts: &mut Vec<String>, sequence: &[&str], prefix: &str) {
    for (i, name) in sequence.iter().enumerate() {
        if order.iter().any(|known| known == name) {
            continue;
        }
        let position = |n: &&str| order.iter().position(|known| known == n);
        let after = sequence
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rev()
            .find_map(position);
        let before = sequence
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .find_map(position);
        let at = match (after, before) {
            (Some(after), _) => after + 1,
            (None, Some(before)) => before,
            (None, None) => order.len(),
        };
        order.insert(at.min(order.len()), (*name).to_owned());
    }
    let mut last: Option<(usize, &str)> = None;
    for name in sequence {
        let Some(index) = order.iter().position(|known| known == name) else {
            continue;
        };
        if let Some((last_index, last_name)) = last
            && index < last_index
        {
            let conflict = format!("{prefix}{name} before {prefix}{last_name}");
            if !conflicts.contains(&conflict) {
                conflicts.push(conflict);
            }
        }
        last = Some((index, name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_child_orders_and_reports_conflicts() {
        let (mut order, mut conflicts) = (Vec::new(), Vec::new());
        merge(&mut order, &mut conflicts, &["name", "kind"], "");
        merge(&mut order, &mut conflicts, &["name", "address", "kind"], "");
        merge(&mut order, &mut conflicts, &["label", "label"], "");
        assert_eq!(order, ["name", "address", "kind", "label"]);
        assert!(conflicts.is_empty());
        merge(&mut order, &mut conflicts, &["kind", "name"], "");
        assert_eq!(conflicts, ["name before kind"]);
    }

    #[test]
    fn tree_keeps_text_and_drops_indentation() {
        let xml = b"<a x='1&amp;2'>\n  <b> t &#xf3; </b>\n  <c/>\n</a>";
        let tree = element_tree(xml).unwrap();
        assert_eq!(tree.attribute("x"), Some("1&2"));
        assert_eq!(tree.text, None);
        assert_eq!(
            tree.child("b").and_then(|b| b.text.as_deref()),
            Some(" t ó ")
        );
        assert_eq!(tree.children.len(), 2);
    }
}
