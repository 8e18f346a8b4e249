//! Expressions of computed KPIs (计算公式): `E01 / E02 * 100`, `[邀约试乘试驾客户数] / [试乘试驾客户数] * 100`,
//! `div(F03 - F04, F03, 0)`. Parsed into a tree once, checked, evaluated as pure arithmetic and
//! printed back with names in the reader's language.
//!
//! Grammar, loosest binding first (`×` `÷`, full-width brackets and commas are accepted too):
//!
//! ```text
//! expr    = sum [ ("<" | "<=" | ">" | ">=" | "=" | "==" | "!=" | "<>") sum ]
//! sum     = product { ("+" | "-") product }
//! product = unary { ("*" | "/") unary }
//! unary   = ("-" | "+") unary | power
//! power   = atom [ "^" unary ]                      right-associative: -2^2 = -(2^2)
//! atom    = number | name | "[" any text "]" | function "(" expr { "," expr } ")" | "(" expr ")"
//! ```
//!
//! Functions: `min(a, …)`, `max(a, …)`, `abs(x)`, `round(x [, digits])`, `if(cond, a, b)` (only the
//! branch taken is evaluated; a condition is true when not 0) and `div(a, b, fallback)` (the
//! fallback when b is 0). Comparisons give 1 or 0.
//!
//! Safe by construction: the text, the nesting and the number of references are bounded, nothing
//! but arithmetic is evaluated, and no result is ever NaN or infinite — a zero denominator, a
//! value too large or an input that is missing makes the result *undefined*, with the reason.

use crate::i18n::Lang;
use std::fmt::Write;

/// The longest expression accepted, in characters.
pub const MAX_LEN: usize = 2000;
/// The deepest nesting of brackets and operators accepted (a chain `a + b + c` nests one level per
/// operator).
pub const MAX_DEPTH: usize = 100;
/// The most references one expression may make.
pub const MAX_REFS: usize = 200;

/// A reference to a data element or another KPI, by code (`E01`) or name (`[试乘试驾客户数]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// As written, without the brackets.
    pub text: String,
    /// Written in square brackets (a name).
    pub bracketed: bool,
    /// Where it starts, in characters from the start of the expression.
    pub at: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Op {
    /// How tightly it binds (higher first), for parsing and for printing brackets.
    fn precedence(self) -> u8 {
        match self {
            Op::Lt | Op::Le | Op::Gt | Op::Ge | Op::Eq | Op::Ne => 1,
            Op::Add | Op::Sub => 2,
            Op::Mul | Op::Div => 3,
            Op::Pow => 5,
        }
    }
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
            Op::Pow => "^",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::Eq => "=",
            Op::Ne => "≠",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
    Abs,
    Round,
    If,
    Div,
}

impl Func {
    fn named(name: &str) -> Option<Func> {
        Some(match name.to_ascii_lowercase().as_str() {
            "min" => Func::Min,
            "max" => Func::Max,
            "abs" => Func::Abs,
            "round" => Func::Round,
            "if" => Func::If,
            "div" => Func::Div,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            Func::Min => "min",
            Func::Max => "max",
            Func::Abs => "abs",
            Func::Round => "round",
            Func::If => "if",
            Func::Div => "div",
        }
    }
    /// The numbers of arguments it takes, as people read it.
    fn arity(self) -> (usize, usize, &'static str) {
        match self {
            Func::Min | Func::Max => (1, MAX_REFS, "1+"),
            Func::Abs => (1, 1, "1"),
            Func::Round => (1, 2, "1–2"),
            Func::If | Func::Div => (3, 3, "3"),
        }
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Num(f64),
    Ref(Reference),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

/// What the parser expected where it stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum ParseErrorKind {
    Empty,
    TooLong,
    TooDeep,
    TooManyReferences,
    /// A number, a name, a function or "(" was expected.
    ExpectedOperand,
    /// An operator or the end was expected (two operands in a row).
    ExpectedOperator,
    /// ")" was expected to close the bracket opened at `open`.
    ExpectedClose {
        open: usize,
    },
    /// "]" to end the name started at `open`.
    UnclosedName {
        open: usize,
    },
    EmptyName,
    UnknownFunction(String),
    WrongArgumentCount {
        function: &'static str,
        expected: &'static str,
        found: usize,
    },
    BadNumber(String),
    UnexpectedCharacter(char),
}

/// Why an expression could not be read, and where (in characters from its start).
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub at: usize,
    pub kind: ParseErrorKind,
}

impl ParseError {
    /// "at character 7: expected a number, a name or “(”", in the reader's language.
    pub fn describe(&self, lang: Lang) -> String {
        use ParseErrorKind as K;
        let what = match &self.kind {
            K::Empty => crate::tr!(lang, ExprEmpty).to_string(),
            K::TooLong => crate::tr!(lang, ExprTooLong, max = MAX_LEN),
            K::TooDeep => crate::tr!(lang, ExprTooDeep, max = MAX_DEPTH),
            K::TooManyReferences => crate::tr!(lang, ExprTooManyReferences, max = MAX_REFS),
            K::ExpectedOperand => crate::tr!(lang, ExprExpectedOperand).to_string(),
            K::ExpectedOperator => crate::tr!(lang, ExprExpectedOperator).to_string(),
            K::ExpectedClose { open } => crate::tr!(lang, ExprExpectedClose, open = open + 1),
            K::UnclosedName { open } => crate::tr!(lang, ExprUnclosedName, open = open + 1),
            K::EmptyName => crate::tr!(lang, ExprEmptyName).to_string(),
            K::UnknownFunction(name) => crate::tr!(lang, ExprUnknownFunction, name = name),
            K::WrongArgumentCount { function, expected, found } => {
                crate::tr!(
                    lang,
                    ExprWrongArgumentCount,
                    function = function,
                    expected = expected,
                    found = found
                )
            }
            K::BadNumber(text) => crate::tr!(lang, ExprBadNumber, text = text),
            K::UnexpectedCharacter(c) => crate::tr!(lang, ExprUnexpectedCharacter, c = c),
        };
        crate::tr!(lang, ExprAtCharacter, at = self.at + 1, what = what)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Bracketed(String),
    Op(Op),
    Open,
    Close,
    Comma,
    End,
}

fn tokenize(text: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |at, kind| Err(ParseError { at, kind });
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let two = chars.get(i + 1).copied();
        let (tok, len) = match c {
            '+' => (Tok::Op(Op::Add), 1),
            '-' | '−' => (Tok::Op(Op::Sub), 1),
            '*' | '×' | '·' => (Tok::Op(Op::Mul), 1),
            '/' | '÷' => (Tok::Op(Op::Div), 1),
            '^' => (Tok::Op(Op::Pow), 1),
            '(' | '（' => (Tok::Open, 1),
            ')' | '）' => (Tok::Close, 1),
            ',' | '，' | ';' => (Tok::Comma, 1),
            '<' if two == Some('=') => (Tok::Op(Op::Le), 2),
            '<' if two == Some('>') => (Tok::Op(Op::Ne), 2),
            '<' => (Tok::Op(Op::Lt), 1),
            '>' if two == Some('=') => (Tok::Op(Op::Ge), 2),
            '>' => (Tok::Op(Op::Gt), 1),
            '=' if two == Some('=') => (Tok::Op(Op::Eq), 2),
            '=' => (Tok::Op(Op::Eq), 1),
            '!' if two == Some('=') => (Tok::Op(Op::Ne), 2),
            '≤' => (Tok::Op(Op::Le), 1),
            '≥' => (Tok::Op(Op::Ge), 1),
            '≠' => (Tok::Op(Op::Ne), 1),
            '[' | '【' => {
                let close = if c == '[' { ']' } else { '】' };
                let Some(end) = chars[i + 1..].iter().position(|&x| x == close) else {
                    return err(at, ParseErrorKind::UnclosedName { open: at });
                };
                let name: String = chars[i + 1..i + 1 + end].iter().collect::<String>().trim().to_string();
                if name.is_empty() {
                    return err(at, ParseErrorKind::EmptyName);
                }
                (Tok::Bracketed(name), end + 2)
            }
            c if c.is_ascii_digit() || (c == '.' && two.is_some_and(|d| d.is_ascii_digit())) => {
                let mut j = i;
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                    j += 1;
                }
                // An exponent: 1e6, 2.5E-3.
                if j < chars.len() && (chars[j] == 'e' || chars[j] == 'E') {
                    let mut k = j + 1;
                    if k < chars.len() && (chars[k] == '+' || chars[k] == '-') {
                        k += 1;
                    }
                    if k < chars.len() && chars[k].is_ascii_digit() {
                        while k < chars.len() && chars[k].is_ascii_digit() {
                            k += 1;
                        }
                        j = k;
                    }
                }
                let s: String = chars[i..j].iter().collect();
                match s.parse::<f64>() {
                    Ok(v) if v.is_finite() => (Tok::Num(v), j - i),
                    _ => return err(at, ParseErrorKind::BadNumber(s)),
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i;
                while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_' || chars[j] == '.') {
                    j += 1;
                }
                (Tok::Name(chars[i..j].iter().collect()), j - i)
            }
            other => return err(at, ParseErrorKind::UnexpectedCharacter(other)),
        };
        out.push((tok, at));
        i += len;
    }
    out.push((Tok::End, chars.len()));
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
    refs: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }
    fn at(&self) -> usize {
        self.toks[self.pos].1
    }
    fn fail<T>(&self, kind: ParseErrorKind) -> Result<T, ParseError> {
        Err(ParseError { at: self.at(), kind })
    }
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH { self.fail(ParseErrorKind::TooDeep) } else { Ok(()) }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let left = self.binary(2)?;
        let out = match *self.peek() {
            Tok::Op(op) if op.precedence() == 1 => {
                self.pos += 1;
                let right = self.binary(2)?;
                Expr::Bin(op, Box::new(left), Box::new(right))
            }
            _ => left,
        };
        self.depth -= 1;
        Ok(out)
    }

    /// Left-associative operators of `level` (2: + −, 3: × ÷) and tighter.
    fn binary(&mut self, level: u8) -> Result<Expr, ParseError> {
        let mut left = if level == 2 { self.binary(3)? } else { self.unary()? };
        // Each operator in a chain (a + b + c …) nests the tree one level deeper, so it counts
        // towards the depth like a bracket: evaluating and printing recurse that deep.
        let mut chained = 0;
        while let Tok::Op(op) = *self.peek() {
            if op.precedence() != level {
                break;
            }
            self.pos += 1;
            self.enter()?;
            chained += 1;
            let right = if level == 2 { self.binary(3)? } else { self.unary()? };
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        self.depth -= chained;
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        match *self.peek() {
            Tok::Op(Op::Sub) => {
                self.pos += 1;
                self.enter()?;
                let e = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Neg(Box::new(e)))
            }
            Tok::Op(Op::Add) => {
                self.pos += 1;
                self.enter()?;
                let e = self.unary();
                self.depth -= 1;
                e
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, ParseError> {
        let base = self.atom()?;
        if *self.peek() == Tok::Op(Op::Pow) {
            self.pos += 1;
            self.enter()?;
            let exp = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Bin(Op::Pow, Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn reference(&mut self, text: String, bracketed: bool, at: usize) -> Result<Expr, ParseError> {
        self.refs += 1;
        if self.refs > MAX_REFS {
            return Err(ParseError { at, kind: ParseErrorKind::TooManyReferences });
        }
        Ok(Expr::Ref(Reference { text, bracketed, at }))
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let at = self.at();
        let tok = self.peek().clone();
        match tok {
            Tok::Num(v) => {
                self.pos += 1;
                Ok(Expr::Num(v))
            }
            Tok::Bracketed(name) => {
                self.pos += 1;
                self.reference(name, true, at)
            }
            Tok::Name(name) => {
                self.pos += 1;
                if *self.peek() != Tok::Open {
                    return self.reference(name, false, at);
                }
                let Some(func) = Func::named(&name) else {
                    return Err(ParseError { at, kind: ParseErrorKind::UnknownFunction(name) });
                };
                let open = self.at();
                self.pos += 1;
                self.enter()?;
                let mut args = vec![self.expr()?];
                while *self.peek() == Tok::Comma {
                    self.pos += 1;
                    args.push(self.expr()?);
                }
                if *self.peek() != Tok::Close {
                    return self.fail(ParseErrorKind::ExpectedClose { open });
                }
                self.pos += 1;
                self.depth -= 1;
                let (lo, hi, expected) = func.arity();
                if args.len() < lo || args.len() > hi {
                    return Err(ParseError {
                        at,
                        kind: ParseErrorKind::WrongArgumentCount {
                            function: func.name(),
                            expected,
                            found: args.len(),
                        },
                    });
                }
                Ok(Expr::Call(func, args))
            }
            Tok::Open => {
                self.pos += 1;
                self.enter()?;
                let e = self.expr()?;
                if *self.peek() != Tok::Close {
                    return self.fail(ParseErrorKind::ExpectedClose { open: at });
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(e)
            }
            _ => self.fail(ParseErrorKind::ExpectedOperand),
        }
    }
}

/// Parses an expression.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let n = text.chars().count();
    if n > MAX_LEN {
        return Err(ParseError { at: MAX_LEN, kind: ParseErrorKind::TooLong });
    }
    if text.trim().is_empty() {
        return Err(ParseError { at: 0, kind: ParseErrorKind::Empty });
    }
    let toks = tokenize(text)?;
    let mut p = Parser { toks, pos: 0, depth: 0, refs: 0 };
    let e = p.expr()?;
    match p.peek() {
        Tok::End => Ok(e),
        Tok::Close => p.fail(ParseErrorKind::UnexpectedCharacter(')')),
        _ => p.fail(ParseErrorKind::ExpectedOperator),
    }
}

/// Why a value could not be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum Undefined {
    /// An input has no value for the period; `name` is what the expression calls it.
    Missing { name: String },
    /// The denominator is 0: `expression` is the division as printed.
    DivisionByZero { expression: String },
    /// The result is too large to represent (it would be infinite).
    TooLarge,
    /// Not a real number (a negative number to a fractional power).
    NotReal,
    /// A reference names nothing in the project.
    Unknown { name: String },
    /// The KPI depends on itself through `cycle`.
    Cycle { cycle: Vec<String> },
    /// The expression does not parse.
    Invalid(ParseError),
}

impl Undefined {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Undefined::Missing { name } => crate::tr!(lang, ExprMissingInput, name = name),
            Undefined::DivisionByZero { expression } => {
                crate::tr!(lang, ExprDivisionByZero, expression = expression)
            }
            Undefined::TooLarge => crate::tr!(lang, ExprTooLarge).to_string(),
            Undefined::NotReal => crate::tr!(lang, ExprNotReal).to_string(),
            Undefined::Unknown { name } => crate::tr!(lang, ExprUnknownReference, name = name),
            Undefined::Cycle { cycle } => crate::tr!(lang, ExprCycle, cycle = cycle.join(" → ")),
            Undefined::Invalid(e) => e.describe(lang),
        }
    }
}

/// What an input that has no value for the period does.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MissingInputs {
    /// The result is undefined, naming the input and the period.
    #[default]
    Undefined,
    /// It counts as 0.
    Zero,
    /// Its term is left out of the sum it is in (for sums only: elsewhere it is undefined).
    DropTerm,
}

impl MissingInputs {
    pub const ALL: [MissingInputs; 3] =
        [MissingInputs::Undefined, MissingInputs::Zero, MissingInputs::DropTerm];

    pub fn is_default(&self) -> bool {
        *self == MissingInputs::Undefined
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            MissingInputs::Undefined => crate::i18n::T::MissingInputsUndefined,
            MissingInputs::Zero => crate::i18n::T::MissingInputsZero,
            MissingInputs::DropTerm => crate::i18n::T::MissingInputsDropTerm,
        }
        .get(lang)
    }
}

/// A value while evaluating: a number, or a term left out (`None`), or undefined.
type Partial = Result<Option<f64>, Undefined>;

fn finite(v: f64) -> Result<Option<f64>, Undefined> {
    if v.is_finite() {
        Ok(Some(v))
    } else if v.is_nan() {
        Err(Undefined::NotReal)
    } else {
        Err(Undefined::TooLarge)
    }
}

impl Expr {
    /// Evaluates with `input` giving each reference's value (`None`: no value for the period).
    /// Never NaN or infinite.
    pub fn eval(
        &self,
        missing: MissingInputs,
        input: &mut dyn FnMut(&Reference) -> Result<Option<f64>, Undefined>,
    ) -> Result<f64, Undefined> {
        match self.partial(missing, input)? {
            Some(v) => Ok(v),
            // Every term was left out.
            None => Err(Undefined::Missing {
                name: self.first_reference().map_or_else(String::new, |r| r.text.clone()),
            }),
        }
    }

    /// `eval(missing, input).ok()` for inputs that are known or missing (never an error), when a
    /// missing input makes the result undefined or counts as 0 — without building the reasons:
    /// computing a series asks this for every period, and reads no reasons. With
    /// `MissingInputs::DropTerm` it gives `None`; use `eval` for that policy.
    pub fn value(&self, missing: MissingInputs, input: &impl Fn(&Reference) -> Option<f64>) -> Option<f64> {
        let real = |v: f64| v.is_finite().then_some(v);
        match self {
            Expr::Num(v) => Some(*v),
            Expr::Ref(r) => match (input(r), missing) {
                (Some(v), _) => real(v),
                (None, MissingInputs::Zero) => Some(0.0),
                (None, _) => None,
            },
            Expr::Neg(e) => e.value(missing, input).map(|v| -v),
            Expr::Bin(op, a, b) => {
                let x = a.value(missing, input)?;
                let y = b.value(missing, input)?;
                real(match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    Op::Div if y == 0.0 => return None,
                    Op::Div => x / y,
                    Op::Pow if x == 0.0 && y < 0.0 => return None,
                    Op::Pow => x.powf(y),
                    Op::Lt => f64::from(x < y),
                    Op::Le => f64::from(x <= y),
                    Op::Gt => f64::from(x > y),
                    Op::Ge => f64::from(x >= y),
                    Op::Eq => f64::from(x == y),
                    Op::Ne => f64::from(x != y),
                })
            }
            Expr::Call(f, args) => {
                let arg = |i: usize| args[i].value(missing, input);
                real(match f {
                    Func::Min | Func::Max => {
                        let mut best = arg(0)?;
                        for i in 1..args.len() {
                            let v = arg(i)?;
                            best = if *f == Func::Min { best.min(v) } else { best.max(v) };
                        }
                        best
                    }
                    Func::Abs => arg(0)?.abs(),
                    Func::Round => {
                        let x = arg(0)?;
                        let digits = if args.len() > 1 { arg(1)?.round().clamp(-15.0, 15.0) } else { 0.0 };
                        let k = 10f64.powi(digits as i32);
                        (x * k).round() / k
                    }
                    Func::If => return args[if arg(0)? != 0.0 { 1 } else { 2 }].value(missing, input),
                    Func::Div => {
                        let (a, b) = (arg(0)?, arg(1)?);
                        if b == 0.0 {
                            return args[2].value(missing, input);
                        }
                        a / b
                    }
                })
            }
        }
    }

    fn first_reference(&self) -> Option<&Reference> {
        let mut refs = Vec::new();
        self.references(&mut refs);
        refs.into_iter().next()
    }

    /// Whether two expressions have the same form: the same operators, functions and numbers in
    /// the same places, whatever they refer to (a department's `E11 / E12 * 100` and the
    /// company's `E01 / E02 * 100`).
    pub fn same_form(&self, other: &Expr) -> bool {
        match (self, other) {
            (Expr::Num(a), Expr::Num(b)) => a == b,
            (Expr::Ref(_), Expr::Ref(_)) => true,
            (Expr::Neg(a), Expr::Neg(b)) => a.same_form(b),
            (Expr::Bin(o, a, b), Expr::Bin(p, c, d)) => o == p && a.same_form(c) && b.same_form(d),
            (Expr::Call(f, a), Expr::Call(g, b)) => {
                f == g && a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_form(y))
            }
            _ => false,
        }
    }

    /// Every reference, in the order written.
    pub fn references<'a>(&'a self, out: &mut Vec<&'a Reference>) {
        match self {
            Expr::Num(_) => {}
            Expr::Ref(r) => out.push(r),
            Expr::Neg(e) => e.references(out),
            Expr::Bin(_, a, b) => {
                a.references(out);
                b.references(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.references(out)),
        }
    }

    fn partial(
        &self,
        missing: MissingInputs,
        input: &mut dyn FnMut(&Reference) -> Result<Option<f64>, Undefined>,
    ) -> Partial {
        let required = |v: Option<f64>, e: &Expr| {
            v.ok_or_else(|| Undefined::Missing {
                name: e.first_reference().map_or_else(String::new, |r| r.text.clone()),
            })
        };
        match self {
            Expr::Num(v) => Ok(Some(*v)),
            Expr::Ref(r) => match input(r)? {
                Some(v) => finite(v),
                None => match missing {
                    MissingInputs::Undefined => Err(Undefined::Missing { name: r.text.clone() }),
                    MissingInputs::Zero => Ok(Some(0.0)),
                    MissingInputs::DropTerm => Ok(None),
                },
            },
            Expr::Neg(e) => Ok(e.partial(missing, input)?.map(|v| -v)),
            Expr::Bin(op @ (Op::Add | Op::Sub), a, b) => {
                let (x, y) = (a.partial(missing, input)?, b.partial(missing, input)?);
                match (x, y) {
                    (Some(x), Some(y)) => finite(if *op == Op::Add { x + y } else { x - y }),
                    (Some(x), None) => Ok(Some(x)),
                    (None, Some(y)) => Ok(Some(if *op == Op::Add { y } else { -y })),
                    (None, None) => Ok(None),
                }
            }
            Expr::Bin(op, a, b) => {
                let x = required(a.partial(missing, input)?, a)?;
                let y = required(b.partial(missing, input)?, b)?;
                let v = match op {
                    Op::Mul => x * y,
                    Op::Div => {
                        if y == 0.0 {
                            return Err(Undefined::DivisionByZero {
                                expression: self.display(&|r| r.text.clone()),
                            });
                        }
                        x / y
                    }
                    Op::Pow => {
                        if x == 0.0 && y < 0.0 {
                            return Err(Undefined::DivisionByZero {
                                expression: self.display(&|r| r.text.clone()),
                            });
                        }
                        x.powf(y)
                    }
                    Op::Lt => f64::from(x < y),
                    Op::Le => f64::from(x <= y),
                    Op::Gt => f64::from(x > y),
                    Op::Ge => f64::from(x >= y),
                    Op::Eq => f64::from(x == y),
                    Op::Ne => f64::from(x != y),
                    Op::Add | Op::Sub => unreachable!("handled above"),
                };
                finite(v)
            }
            Expr::Call(f, args) => {
                let value =
                    |i: usize, input: &mut dyn FnMut(&Reference) -> Result<Option<f64>, Undefined>| {
                        required(args[i].partial(missing, input)?, &args[i])
                    };
                let v = match f {
                    Func::Min | Func::Max => {
                        let mut best = value(0, input)?;
                        for i in 1..args.len() {
                            let v = value(i, input)?;
                            best = if *f == Func::Min { best.min(v) } else { best.max(v) };
                        }
                        best
                    }
                    Func::Abs => value(0, input)?.abs(),
                    Func::Round => {
                        let x = value(0, input)?;
                        let digits =
                            if args.len() > 1 { value(1, input)?.round().clamp(-15.0, 15.0) } else { 0.0 };
                        let k = 10f64.powi(digits as i32);
                        (x * k).round() / k
                    }
                    Func::If => {
                        let c = value(0, input)?;
                        return args[if c != 0.0 { 1 } else { 2 }].partial(missing, input);
                    }
                    Func::Div => {
                        let (a, b) = (value(0, input)?, value(1, input)?);
                        if b == 0.0 {
                            return args[2].partial(missing, input);
                        }
                        a / b
                    }
                };
                finite(v)
            }
        }
    }

    /// The expression as people read it (计算公式): `×` and `÷`, names from `name`, brackets only
    /// where they are needed.
    pub fn display(&self, name: &dyn Fn(&Reference) -> String) -> String {
        let mut s = String::new();
        self.write(&mut s, name, 0, false);
        s
    }

    fn write(&self, s: &mut String, name: &dyn Fn(&Reference) -> String, outer: u8, right: bool) {
        match self {
            Expr::Num(v) => {
                let _ = write!(s, "{}", crate::model::lint::format_number(*v));
            }
            Expr::Ref(r) => s.push_str(&name(r)),
            Expr::Neg(e) => {
                let wrap = outer > 3;
                if wrap {
                    s.push('(');
                }
                s.push('−');
                e.write(s, name, 4, false);
                if wrap {
                    s.push(')');
                }
            }
            Expr::Bin(op, a, b) => {
                let p = op.precedence();
                // A right operand of the same precedence needs brackets (a − (b − c)), except
                // for the right-associative power.
                let wrap = p < outer
                    || (p == outer && right && *op != Op::Pow)
                    || (p == outer && !right && *op == Op::Pow);
                if wrap {
                    s.push('(');
                }
                a.write(s, name, p, false);
                let _ = write!(s, " {} ", op.symbol());
                b.write(s, name, p, true);
                if wrap {
                    s.push(')');
                }
            }
            Expr::Call(f, args) => {
                s.push_str(f.name());
                s.push('(');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    a.write(s, name, 0, false);
                }
                s.push(')');
            }
        }
    }
}

/// An expression read from a formula as people write it (计算公式): `邀约试乘试驾客户数 ÷
/// 试乘试驾客户数 × 100%` gives `[邀约试乘试驾客户数] / [试乘试驾客户数] * 100` and the names it uses,
/// in order, each once. What stands before an `=` is the KPI's own name and is left out; a `%` is
/// the unit. `None` when the text is no formula of names and numbers.
pub fn from_formula_text(text: &str) -> Option<(String, Vec<String>)> {
    let text = text.rsplit(['=', '＝']).next().unwrap_or(text);
    let is_op = |c: char| "+-−*×·/÷^()（）".contains(c);
    let mut out = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut segment = String::new();
    let flush = |segment: &mut String, out: &mut String, names: &mut Vec<String>| -> Option<()> {
        let s = segment.trim().trim_end_matches(['%', '％']).trim().to_string();
        segment.clear();
        if s.is_empty() {
            return Some(());
        }
        if let Ok(v) = s.replace([',', '，'], "").parse::<f64>() {
            out.push_str(&crate::model::lint::format_number(v));
        } else {
            let name = s.trim_start_matches(['[', '【']).trim_end_matches([']', '】']).trim().to_string();
            if name.is_empty() || name.contains([']', '[', '】', '【']) {
                return None;
            }
            out.push_str(&format!("[{name}]"));
            if !names.contains(&name) {
                names.push(name);
            }
        }
        Some(())
    };
    for c in text.chars() {
        if is_op(c) {
            flush(&mut segment, &mut out, &mut names)?;
            let op = match c {
                '−' => '-',
                '×' | '·' => '*',
                '÷' => '/',
                '（' => '(',
                '）' => ')',
                c => c,
            };
            match op {
                '(' | ')' => out.push(op),
                _ => {
                    out.push(' ');
                    out.push(op);
                    out.push(' ');
                }
            }
        } else {
            segment.push(c);
        }
    }
    flush(&mut segment, &mut out, &mut names)?;
    let out = out.trim().to_string();
    (!names.is_empty() && parse(&out).is_ok()).then_some((out, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_with(
        text: &str,
        values: &[(&str, Option<f64>)],
        missing: MissingInputs,
    ) -> Result<f64, Undefined> {
        let e = parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.describe(Lang::En)));
        e.eval(missing, &mut |r| {
            values
                .iter()
                .find(|(n, _)| *n == r.text)
                .map(|(_, v)| *v)
                .ok_or_else(|| Undefined::Unknown { name: r.text.clone() })
        })
    }

    fn eval(text: &str) -> Result<f64, Undefined> {
        eval_with(text, &[], MissingInputs::Undefined)
    }

    #[test]
    fn arithmetic_follows_the_usual_rules() {
        let cases: &[(&str, f64)] = &[
            ("1 + 2 * 3", 7.0),
            ("(1 + 2) * 3", 9.0),
            ("10 - 4 - 3", 3.0),
            ("100 / 10 / 5", 2.0),
            ("2 ^ 3 ^ 2", 512.0),
            ("-2 ^ 2", -4.0),
            ("(-2) ^ 2", 4.0),
            ("2 * -3", -6.0),
            ("--3", 3.0),
            ("+4", 4.0),
            ("7 × 6 ÷ 3", 14.0),
            ("（1 + 1）× 2", 4.0),
            ("1.5e3 + .5", 1500.5),
            ("3 > 2", 1.0),
            ("3 <= 2", 0.0),
            ("2 = 2", 1.0),
            ("2 != 2", 0.0),
            ("2 <> 3", 1.0),
            ("1 + 1 >= 2", 1.0),
            ("min(4, 2, 8)", 2.0),
            ("MAX(4, 2, 8)", 8.0),
            ("abs(-3.5)", 3.5),
            ("round(2.567, 2)", 2.57),
            ("round(2.5)", 3.0),
            ("if(1 > 2, 10, 20)", 20.0),
            ("if(1, 10, 1 / 0)", 10.0),
            ("div(1, 0, -1)", -1.0),
            ("div(6, 3, -1)", 2.0),
        ];
        for (text, want) in cases {
            let got = eval(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert!((got - want).abs() < 1e-12, "{text}: {got} ≠ {want}");
        }
    }

    #[test]
    fn references_by_code_and_by_name() {
        let values = [
            ("E01", Some(2.0)),
            ("E02", Some(4.0)),
            ("邀约试乘试驾客户数", Some(30.0)),
            ("试乘试驾客户数", Some(40.0)),
        ];
        assert_eq!(eval_with("E01 / E02 * 100", &values, MissingInputs::Undefined), Ok(50.0));
        assert_eq!(
            eval_with("[邀约试乘试驾客户数] / [试乘试驾客户数] × 100", &values, MissingInputs::Undefined),
            Ok(75.0)
        );
        assert_eq!(eval_with("【试乘试驾客户数】 - E01", &values, MissingInputs::Undefined), Ok(38.0));
        let e = parse("[a b] + c_1.x").unwrap();
        let mut refs = Vec::new();
        e.references(&mut refs);
        let refs: Vec<(&str, bool, usize)> =
            refs.iter().map(|r| (r.text.as_str(), r.bracketed, r.at)).collect();
        assert_eq!(refs, [("a b", true, 0), ("c_1.x", false, 8)]);
    }

    #[test]
    fn nothing_is_ever_nan_or_infinite() {
        assert!(matches!(eval("1 / 0"), Err(Undefined::DivisionByZero { .. })));
        assert!(matches!(eval("0 ^ -1"), Err(Undefined::DivisionByZero { .. })));
        assert_eq!(eval("1e300 / 1e-300"), Err(Undefined::TooLarge));
        assert_eq!(eval("1.5e308 + 1.5e308"), Err(Undefined::TooLarge));
        assert_eq!(eval("10 ^ 400"), Err(Undefined::TooLarge));
        assert_eq!(eval("(-8) ^ 0.5"), Err(Undefined::NotReal));
        assert_eq!(eval("-1.5e308 - 1.5e308"), Err(Undefined::TooLarge));
        // An input that is infinite or NaN (it cannot come from a file, but from a bug) is caught.
        assert_eq!(
            eval_with("x * 1", &[("x", Some(f64::INFINITY))], MissingInputs::Undefined),
            Err(Undefined::TooLarge)
        );
        assert_eq!(
            eval_with("x * 1", &[("x", Some(f64::NAN))], MissingInputs::Undefined),
            Err(Undefined::NotReal)
        );
        let Err(Undefined::DivisionByZero { expression }) = eval_with(
            "a / (b - c)",
            &[("a", Some(1.0)), ("b", Some(2.0)), ("c", Some(2.0))],
            MissingInputs::Undefined,
        ) else {
            panic!()
        };
        assert_eq!(expression, "a ÷ (b − c)");
    }

    #[test]
    fn missing_inputs_follow_the_kpi_policy() {
        let values = [("a", Some(10.0)), ("b", None), ("c", Some(4.0))];
        let undefined = eval_with("a + b + c", &values, MissingInputs::Undefined);
        assert_eq!(undefined, Err(Undefined::Missing { name: "b".into() }));
        assert_eq!(eval_with("a + b + c", &values, MissingInputs::Zero), Ok(14.0));
        assert_eq!(eval_with("a + b + c", &values, MissingInputs::DropTerm), Ok(14.0));
        assert_eq!(eval_with("a - b - c", &values, MissingInputs::DropTerm), Ok(6.0));
        assert_eq!(eval_with("b - c", &values, MissingInputs::DropTerm), Ok(-4.0));
        // Only sums drop terms: a ratio with a missing part stays undefined.
        assert_eq!(
            eval_with("a / b", &values, MissingInputs::DropTerm),
            Err(Undefined::Missing { name: "b".into() })
        );
        assert_eq!(eval_with("a / (b + c)", &values, MissingInputs::DropTerm), Ok(2.5));
        assert_eq!(
            eval_with("a / b", &values, MissingInputs::Zero).unwrap_err(),
            Undefined::DivisionByZero { expression: "a ÷ b".into() }
        );
        assert_eq!(
            eval_with("b + b", &values, MissingInputs::DropTerm),
            Err(Undefined::Missing { name: "b".into() })
        );
    }

    /// Where parsing stops and what it expected, in characters (CJK counts one each).
    #[test]
    fn parse_errors_say_where_and_what_was_expected() {
        use ParseErrorKind as K;
        let cases: Vec<(&str, usize, K)> = vec![
            ("", 0, K::Empty),
            ("   ", 0, K::Empty),
            ("1 +", 3, K::ExpectedOperand),
            ("E01 E02", 4, K::ExpectedOperator),
            ("(1 + 2", 6, K::ExpectedClose { open: 0 }),
            ("1 + 2)", 5, K::UnexpectedCharacter(')')),
            ("[试乘试驾 + 1", 0, K::UnclosedName { open: 0 }),
            ("[] + 1", 0, K::EmptyName),
            ("sqrt(4)", 0, K::UnknownFunction("sqrt".into())),
            ("if(1, 2)", 0, K::WrongArgumentCount { function: "if", expected: "3", found: 2 }),
            ("abs(1, 2)", 0, K::WrongArgumentCount { function: "abs", expected: "1", found: 2 }),
            ("1.2.3", 0, K::BadNumber("1.2.3".into())),
            ("2 # 3", 2, K::UnexpectedCharacter('#')),
            ("[客户数] / ", 8, K::ExpectedOperand),
            ("min(1, 2", 8, K::ExpectedClose { open: 3 }),
            ("* 2", 0, K::ExpectedOperand),
        ];
        for (text, at, kind) in cases {
            assert_eq!(parse(text), Err(ParseError { at, kind }), "{text:?}");
        }
        let e = parse("1 +").unwrap_err();
        assert_eq!(e.describe(Lang::En), "at character 4: expected a number, a name, a function or “(”");
        assert_eq!(e.describe(Lang::Zh), "第 4 个字符处：此处应为数字、名称、函数或“(”");
    }

    #[test]
    fn size_nesting_and_references_are_bounded() {
        let long = "1+".repeat(MAX_LEN) + "1";
        assert_eq!(parse(&long).unwrap_err().kind, ParseErrorKind::TooLong);
        let deep = "(".repeat(MAX_DEPTH + 5) + "1" + &")".repeat(MAX_DEPTH + 5);
        assert_eq!(parse(&deep).unwrap_err().kind, ParseErrorKind::TooDeep);
        let minus = "-".repeat(MAX_DEPTH + 5) + "1";
        assert_eq!(parse(&minus).unwrap_err().kind, ParseErrorKind::TooDeep);
        let chain = vec!["a"; MAX_REFS + 1].join(",");
        let chain = format!("max({chain})");
        assert_eq!(parse(&chain).unwrap_err().kind, ParseErrorKind::TooManyReferences);
        // A sum of 90 terms is fine; one of 500 is too deep.
        let sum = vec!["1"; 90].join("+");
        assert_eq!(parse(&sum).unwrap().eval(MissingInputs::Undefined, &mut |_| Ok(None)), Ok(90.0));
        let sum = vec!["1"; 500].join("+");
        assert_eq!(parse(&sum).unwrap_err().kind, ParseErrorKind::TooDeep);
    }

    #[test]
    fn printed_with_names_and_only_the_brackets_needed() {
        let names = |r: &Reference| match r.text.as_str() {
            "E01" => "邀约试乘试驾客户数".to_string(),
            "E02" => "试乘试驾客户数".to_string(),
            other => other.to_string(),
        };
        let cases = [
            ("E01 / E02 * 100", "邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100"),
            ("(a + b) * c", "(a + b) × c"),
            ("a - (b - c)", "a − (b − c)"),
            ("a - b - c", "a − b − c"),
            ("a / (b * c)", "a ÷ (b × c)"),
            ("-a ^ 2", "−a ^ 2"),
            ("(-a) ^ 2", "(−a) ^ 2"),
            ("2 ^ 3 ^ 2", "2 ^ 3 ^ 2"),
            ("(2 ^ 3) ^ 2", "(2 ^ 3) ^ 2"),
            ("div(a, b, 0) >= 1.5", "div(a, b, 0) ≥ 1.5"),
        ];
        for (text, shown) in cases {
            let e = parse(text).unwrap();
            assert_eq!(e.display(&names), shown, "{text}");
            // What is printed reads back as the same expression.
            assert_eq!(parse(shown).unwrap().display(&|r| r.text.clone()), shown, "{shown}");
        }
    }

    #[test]
    fn formulas_as_people_write_them_become_expressions() {
        let (e, names) = from_formula_text("邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%").unwrap();
        assert_eq!(e, "[邀约试乘试驾客户数] / [试乘试驾客户数] * 100");
        assert_eq!(names, vec!["邀约试乘试驾客户数", "试乘试驾客户数"]);
        let (e, names) =
            from_formula_text("试乘试驾邀约率 = 邀约试乘试驾客户数/试乘试驾客户数×100%").unwrap();
        assert_eq!(e, "[邀约试乘试驾客户数] / [试乘试驾客户数] * 100");
        assert_eq!(names.len(), 2);
        let (e, names) = from_formula_text("(Revenue − Cost) ÷ Revenue").unwrap();
        assert_eq!(e, "([Revenue] - [Cost]) / [Revenue]");
        assert_eq!(names, vec!["Revenue", "Cost"]);
        assert_eq!(from_formula_text("1,000 × 2"), None, "no names: nothing to make");
        assert_eq!(from_formula_text("完成率 ÷"), None, "not a formula");
        assert_eq!(from_formula_text(""), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// Whatever is typed: an error with a position inside the text, or an expression whose
        /// value is a finite number or undefined, and whose printed form reads back the same.
        #[test]
        fn typed_formulas_never_panic_nan_or_loop(text in r"[0-9a-cE_ .()\[\]+\-*/^<>=!,×÷试数]{0,80}|(min|max|if|div|round|abs)\([0-9a, ()+\-/]{0,30}\)") {
            match parse(&text) {
                Err(e) => {
                    proptest::prop_assert!(e.at <= text.chars().count());
                    proptest::prop_assert!(!e.describe(Lang::Zh).is_empty());
                }
                Ok(e) => {
                    let values = [Some(0.0), Some(1.5), Some(-2.0), Some(1e300), None];
                    let mut k = 0;
                    for missing in [MissingInputs::Undefined, MissingInputs::Zero, MissingInputs::DropTerm] {
                        if let Ok(v) = e.eval(missing, &mut |_| {
                            k += 1;
                            Ok(values[k % values.len()])
                        }) {
                            proptest::prop_assert!(v.is_finite());
                        }
                    }
                    // The fast value is the evaluation's value, for the policies it serves.
                    for missing in [MissingInputs::Undefined, MissingInputs::Zero] {
                        let input = |r: &Reference| values[(r.at * 7 + r.text.len()) % values.len()];
                        let slow = e.eval(missing, &mut |r| Ok(input(r))).ok();
                        proptest::prop_assert_eq!(e.value(missing, &input), slow, "{}", text);
                    }
                    let shown = e.display(&|r| if r.bracketed { format!("[{}]", r.text) } else { r.text.clone() });
                    let again = parse(&shown);
                    proptest::prop_assert!(again.is_ok(), "{} → {}", text, shown);
                    let again = again.unwrap().display(&|r| if r.bracketed { format!("[{}]", r.text) } else { r.text.clone() });
                    proptest::prop_assert_eq!(again, shown);
                }
            }
        }
    }
}
