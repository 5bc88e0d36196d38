//! Expressions: literals, columns, function calls, unary and binary operators with MySQL's
//! precedence, IS [NOT] NULL, [NOT] IN, [NOT] LIKE and [NOT] BETWEEN.
//!
//! Invariant: parsing never recurses (unfinished operators wait on an explicit stack of
//! [`Pending`]) and no tree is taller than [`MAX_EXPRESSION_DEPTH`], so neither parsing nor
//! later evaluating or dropping an expression can exhaust the stack, whatever the input.

use super::names::{is_one_of, is_reserved};
use super::{ParseResult, Parser};
use crate::sql::ast::{BinaryOp, Expr, Literal, UnaryOp};
use crate::sql::lexer::{Symbol, TokenKind};

/// Expressions taller than this are refused with a 1064: evaluating and dropping a tree
/// recurse, and the stack is small in wasm.
pub const MAX_EXPRESSION_DEPTH: usize = 256;

/// Reserved words that are nevertheless function names when followed by `(`.
const RESERVED_FUNCTION_NAMES: &str = "\
    CHAR CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER DATABASE IF INSERT LEFT \
    LOCALTIME LOCALTIMESTAMP MOD REPLACE RIGHT SCHEMA UTC_DATE UTC_TIME UTC_TIMESTAMP";

/// Functions MySQL also accepts without parentheses (`SELECT CURRENT_TIMESTAMP`).
const NILADIC_FUNCTIONS: &str = "\
    CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER LOCALTIME LOCALTIMESTAMP UTC_DATE \
    UTC_TIME UTC_TIMESTAMP";

// Binding powers, loosest first (MySQL's order for the operators supported here).
const PREC_OR: u8 = 1;
const PREC_AND: u8 = 2;
const PREC_NOT: u8 = 3;
const PREC_COMPARISON: u8 = 4;
const PREC_ADDITIVE: u8 = 5;
const PREC_MULTIPLICATIVE: u8 = 6;
/// Above every infix operator.
const PREC_SIGN_OPERAND: u8 = 7;

/// An expression with the height of its tree (a literal is 1).
struct Node {
    expr: Expr,
    height: usize,
}

impl Node {
    fn leaf(expr: Expr) -> Node {
        Node { expr, height: 1 }
    }

    fn wrap(self, outer: impl FnOnce(Box<Expr>) -> Expr) -> Node {
        Node {
            expr: outer(Box::new(self.expr)),
            height: self.height + 1,
        }
    }
}

/// An operator or bracket whose (next) operand is being parsed.
enum Pending {
    Binary {
        left: Node,
        op: BinaryOp,
        precedence: u8,
    },
    Not,
    Sign(UnaryOp),
    Parenthesis,
    /// `height` is that of the tallest argument so far.
    Call {
        name: String,
        distinct: bool,
        args: Vec<Expr>,
        height: usize,
    },
    /// `height` covers the tested expression and the list so far.
    InList {
        expr: Expr,
        negated: bool,
        list: Vec<Expr>,
        height: usize,
    },
    Like {
        expr: Node,
        negated: bool,
    },
    BetweenLow {
        expr: Node,
        negated: bool,
    },
    BetweenHigh {
        expr: Node,
        negated: bool,
        low: Node,
    },
}

impl Pending {
    /// The loosest infix operator that may appear in the operand being parsed.
    fn operand_precedence(&self) -> u8 {
        match self {
            // Left associative: the right operand takes only tighter operators.
            Pending::Binary { precedence, .. } => precedence.saturating_add(1),
            Pending::Not => PREC_NOT,
            // A sign applies to the primary right after it.
            Pending::Sign(_) => PREC_SIGN_OPERAND,
            Pending::Parenthesis | Pending::Call { .. } | Pending::InList { .. } => PREC_OR,
            // LIKE patterns and BETWEEN bounds take only arithmetic, so the AND between the
            // bounds is not a logical AND.
            Pending::Like { .. } | Pending::BetweenLow { .. } | Pending::BetweenHigh { .. } => {
                PREC_ADDITIVE
            }
        }
    }
}

enum OperandStart {
    Complete(Expr),
    Opens(Pending),
}

enum InfixStart {
    Complete(Node),
    Opens(Pending),
}

enum Completion {
    Done(Node),
    /// More operands follow (another argument, the upper BETWEEN bound).
    NeedsOperand(Pending),
}

impl Parser<'_> {
    pub(super) fn parse_expr_list(&mut self) -> ParseResult<Vec<Expr>> {
        let mut exprs = vec![self.parse_expr()?];
        while self.eat_symbol(Symbol::Comma) {
            exprs.push(self.parse_expr()?);
        }
        Ok(exprs)
    }

    /// Operator-precedence parsing with an explicit stack of unfinished operators instead of
    /// recursion, so that nesting costs heap, not stack: a recursive parser needs kilobytes of
    /// stack per level in a debug build, and wasm has 1 MiB in all.
    ///
    /// The parser alternates between expecting an operand (prefix operators, `(`, `f(` push a
    /// [`Pending`]) and holding one (an infix operator that binds at least as tightly as the
    /// innermost pending one extends it; otherwise the innermost pending one is completed).
    pub(super) fn parse_expr(&mut self) -> ParseResult<Expr> {
        let mut pending: Vec<Pending> = Vec::new();
        'operand: loop {
            if pending.len() >= MAX_EXPRESSION_DEPTH {
                return Err(self.error());
            }
            let required = pending.last().map_or(PREC_OR, Pending::operand_precedence);
            let mut operand = match self.parse_operand_start(required)? {
                OperandStart::Opens(context) => {
                    pending.push(context);
                    continue 'operand;
                }
                OperandStart::Complete(expr) => Node::leaf(expr),
            };
            loop {
                let required = pending.last().map_or(PREC_OR, Pending::operand_precedence);
                if let Some(precedence) = self.infix_precedence().filter(|&p| p >= required) {
                    match self.parse_infix_start(operand, precedence)? {
                        InfixStart::Opens(context) => {
                            pending.push(context);
                            continue 'operand;
                        }
                        InfixStart::Complete(node) => {
                            operand = self.checked(node)?;
                            continue;
                        }
                    }
                }
                let Some(context) = pending.pop() else {
                    return Ok(operand.expr);
                };
                match self.complete_pending(context, operand)? {
                    Completion::Done(node) => operand = self.checked(node)?,
                    Completion::NeedsOperand(context) => {
                        pending.push(context);
                        continue 'operand;
                    }
                }
            }
        }
    }

    /// Keeps every tree within [`MAX_EXPRESSION_DEPTH`] levels: dropping and evaluating an
    /// expression recurse, and a flat chain like `1+1+1...` would otherwise grow without limit.
    fn checked(&self, node: Node) -> ParseResult<Node> {
        if node.height > MAX_EXPRESSION_DEPTH {
            Err(self.error())
        } else {
            Ok(node)
        }
    }

    fn parse_operand_start(&mut self, required: u8) -> ParseResult<OperandStart> {
        let start = match self.kind() {
            Some(TokenKind::Number(text)) => Expr::Literal(Literal::Number(text.clone())),
            Some(TokenKind::String(text)) => Expr::Literal(Literal::String(text.clone())),
            Some(TokenKind::Symbol(Symbol::LeftParen)) => {
                self.advance();
                return Ok(OperandStart::Opens(Pending::Parenthesis));
            }
            Some(TokenKind::Symbol(Symbol::Minus)) => {
                self.advance();
                return Ok(OperandStart::Opens(Pending::Sign(UnaryOp::Minus)));
            }
            Some(TokenKind::Symbol(Symbol::Plus)) => {
                self.advance();
                return Ok(OperandStart::Opens(Pending::Sign(UnaryOp::Plus)));
            }
            Some(TokenKind::QuotedIdent(_)) => {
                return self.parse_column().map(OperandStart::Complete);
            }
            Some(TokenKind::Word(word)) => {
                if word.eq_ignore_ascii_case("NOT") {
                    // MySQL's NOT binds loosely: `NOT a = b` is `NOT (a = b)` and `1 + NOT 0`
                    // is a syntax error.
                    if required > PREC_NOT {
                        return Err(self.error());
                    }
                    self.advance();
                    return Ok(OperandStart::Opens(Pending::Not));
                } else if word.eq_ignore_ascii_case("NULL") {
                    Expr::Literal(Literal::Null)
                } else if word.eq_ignore_ascii_case("TRUE") {
                    Expr::Literal(Literal::Bool(true))
                } else if word.eq_ignore_ascii_case("FALSE") {
                    Expr::Literal(Literal::Bool(false))
                } else if self.kind_at(1) == Some(&TokenKind::Symbol(Symbol::LeftParen))
                    && (!is_reserved(word) || is_one_of(word, RESERVED_FUNCTION_NAMES))
                {
                    let name = word.clone();
                    return self.parse_call_start(name);
                } else if is_one_of(word, NILADIC_FUNCTIONS) {
                    Expr::Function {
                        name: word.clone(),
                        args: Vec::new(),
                        star: false,
                        distinct: false,
                    }
                } else if !is_reserved(word) {
                    return self.parse_column().map(OperandStart::Complete);
                } else {
                    return Err(self.error());
                }
            }
            _ => return Err(self.error()),
        };
        self.advance();
        Ok(OperandStart::Complete(start))
    }

    /// `name(*)`, `name()`, or `name([DISTINCT] ` followed by arguments still to be parsed.
    fn parse_call_start(&mut self, name: String) -> ParseResult<OperandStart> {
        self.advance();
        self.expect_symbol(Symbol::LeftParen)?;
        let complete = |star| {
            OperandStart::Complete(Expr::Function {
                name: name.clone(),
                args: Vec::new(),
                star,
                distinct: false,
            })
        };
        if self.eat_symbol(Symbol::Star) {
            self.expect_symbol(Symbol::RightParen)?;
            return Ok(complete(true));
        }
        if self.eat_symbol(Symbol::RightParen) {
            return Ok(complete(false));
        }
        let distinct = self.eat_keyword("DISTINCT");
        Ok(OperandStart::Opens(Pending::Call {
            name,
            distinct,
            args: Vec::new(),
            height: 0,
        }))
    }

    /// `c`, `t.c` or `db.t.c`.
    fn parse_column(&mut self) -> ParseResult<Expr> {
        let mut parts = vec![self.parse_identifier()?];
        while parts.len() < 3 && self.eat_symbol(Symbol::Dot) {
            parts.push(self.parse_qualified_part()?);
        }
        Ok(Expr::Column(parts))
    }

    fn infix_precedence(&self) -> Option<u8> {
        match self.kind()? {
            TokenKind::Symbol(symbol) => match symbol {
                Symbol::Eq
                | Symbol::NotEq
                | Symbol::Lt
                | Symbol::LtEq
                | Symbol::Gt
                | Symbol::GtEq => Some(PREC_COMPARISON),
                Symbol::Plus | Symbol::Minus => Some(PREC_ADDITIVE),
                Symbol::Star | Symbol::Slash | Symbol::Percent => Some(PREC_MULTIPLICATIVE),
                _ => None,
            },
            TokenKind::Word(word) => match word.to_ascii_uppercase().as_str() {
                "OR" => Some(PREC_OR),
                "AND" => Some(PREC_AND),
                // NOT after an operand can only start NOT IN / NOT LIKE / NOT BETWEEN.
                "IS" | "IN" | "LIKE" | "BETWEEN" | "NOT" => Some(PREC_COMPARISON),
                "MOD" => Some(PREC_MULTIPLICATIVE),
                _ => None,
            },
            _ => None,
        }
    }

    fn binary_operator(&self) -> Option<BinaryOp> {
        match self.kind()? {
            TokenKind::Symbol(symbol) => match symbol {
                Symbol::Eq => Some(BinaryOp::Eq),
                Symbol::NotEq => Some(BinaryOp::NotEq),
                Symbol::Lt => Some(BinaryOp::Lt),
                Symbol::LtEq => Some(BinaryOp::LtEq),
                Symbol::Gt => Some(BinaryOp::Gt),
                Symbol::GtEq => Some(BinaryOp::GtEq),
                Symbol::Plus => Some(BinaryOp::Plus),
                Symbol::Minus => Some(BinaryOp::Minus),
                Symbol::Star => Some(BinaryOp::Multiply),
                Symbol::Slash => Some(BinaryOp::Divide),
                Symbol::Percent => Some(BinaryOp::Modulo),
                _ => None,
            },
            TokenKind::Word(word) => match word.to_ascii_uppercase().as_str() {
                "OR" => Some(BinaryOp::Or),
                "AND" => Some(BinaryOp::And),
                "MOD" => Some(BinaryOp::Modulo),
                _ => None,
            },
            _ => None,
        }
    }

    /// Consumes the operator after `left`: IS [NOT] NULL completes at once, the others wait
    /// for their right-hand side.
    fn parse_infix_start(&mut self, left: Node, precedence: u8) -> ParseResult<InfixStart> {
        if let Some(op) = self.binary_operator() {
            self.advance();
            return Ok(InfixStart::Opens(Pending::Binary {
                left,
                op,
                precedence,
            }));
        }
        if self.eat_keyword("IS") {
            let negated = self.eat_keyword("NOT");
            self.expect_keyword("NULL")?;
            let height = left.height + 1;
            let expr = Expr::IsNull {
                expr: Box::new(left.expr),
                negated,
            };
            return Ok(InfixStart::Complete(Node { expr, height }));
        }
        let negated = self.eat_keyword("NOT");
        let context = if self.eat_keyword("IN") {
            self.expect_symbol(Symbol::LeftParen)?;
            Pending::InList {
                height: left.height,
                expr: left.expr,
                negated,
                list: Vec::new(),
            }
        } else if self.eat_keyword("LIKE") {
            Pending::Like {
                expr: left,
                negated,
            }
        } else if self.eat_keyword("BETWEEN") {
            Pending::BetweenLow {
                expr: left,
                negated,
            }
        } else {
            return Err(self.error());
        };
        Ok(InfixStart::Opens(context))
    }

    /// Applies the innermost pending operator to the operand just parsed.
    fn complete_pending(&mut self, context: Pending, operand: Node) -> ParseResult<Completion> {
        let node = match context {
            Pending::Binary { left, op, .. } => Node {
                height: left.height.max(operand.height) + 1,
                expr: Expr::Binary {
                    left: Box::new(left.expr),
                    op,
                    right: Box::new(operand.expr),
                },
            },
            Pending::Not => operand.wrap(|expr| Expr::Unary {
                op: UnaryOp::Not,
                expr,
            }),
            Pending::Sign(op) => operand.wrap(|expr| Expr::Unary { op, expr }),
            Pending::Parenthesis => {
                self.expect_symbol(Symbol::RightParen)?;
                operand.wrap(Expr::Nested)
            }
            Pending::Call {
                name,
                distinct,
                mut args,
                height,
            } => {
                let height = height.max(operand.height);
                args.push(operand.expr);
                if self.eat_symbol(Symbol::Comma) {
                    return Ok(Completion::NeedsOperand(Pending::Call {
                        name,
                        distinct,
                        args,
                        height,
                    }));
                }
                self.expect_symbol(Symbol::RightParen)?;
                Node {
                    expr: Expr::Function {
                        name,
                        args,
                        star: false,
                        distinct,
                    },
                    height: height + 1,
                }
            }
            Pending::InList {
                expr,
                negated,
                mut list,
                height,
            } => {
                let height = height.max(operand.height);
                list.push(operand.expr);
                if self.eat_symbol(Symbol::Comma) {
                    return Ok(Completion::NeedsOperand(Pending::InList {
                        expr,
                        negated,
                        list,
                        height,
                    }));
                }
                self.expect_symbol(Symbol::RightParen)?;
                Node {
                    expr: Expr::InList {
                        expr: Box::new(expr),
                        negated,
                        list,
                    },
                    height: height + 1,
                }
            }
            Pending::Like { expr, negated } => Node {
                height: expr.height.max(operand.height) + 1,
                expr: Expr::Like {
                    expr: Box::new(expr.expr),
                    negated,
                    pattern: Box::new(operand.expr),
                },
            },
            Pending::BetweenLow { expr, negated } => {
                self.expect_keyword("AND")?;
                return Ok(Completion::NeedsOperand(Pending::BetweenHigh {
                    expr,
                    negated,
                    low: operand,
                }));
            }
            Pending::BetweenHigh { expr, negated, low } => Node {
                height: expr.height.max(low.height).max(operand.height) + 1,
                expr: Expr::Between {
                    expr: Box::new(expr.expr),
                    negated,
                    low: Box::new(low.expr),
                    high: Box::new(operand.expr),
                },
            },
        };
        Ok(Completion::Done(node))
    }
}
