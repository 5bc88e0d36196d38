//! SELECT and its clauses, and expressions: precedence, predicates, literals and columns.

use super::*;
use crate::sql::ast::{ObjectName, OrderByExpr, UnaryOp};

#[test]
fn select_star_from_system_views() {
    for (sql, parts) in [
        (
            "SELECT * FROM oceanbase.DBA_OB_BACKUP_JOBS",
            vec!["oceanbase", "DBA_OB_BACKUP_JOBS"],
        ),
        (
            "select * from SYS.DBA_OB_BACKUP_JOBS",
            vec!["SYS", "DBA_OB_BACKUP_JOBS"],
        ),
        (
            "SELECT * FROM oceanbase.GV$OB_PARAMETERS",
            vec!["oceanbase", "GV$OB_PARAMETERS"],
        ),
        (
            "SELECT * FROM __all_virtual_backup_task",
            vec!["__all_virtual_backup_task"],
        ),
        ("SELECT * FROM `db`.`t`", vec!["db", "t"]),
    ] {
        assert_eq!(
            select(sql),
            Select {
                distinct: false,
                projection: vec![SelectItem::Wildcard],
                from: Some(ObjectName(names(&parts))),
                selection: None,
                group_by: Vec::new(),
                having: None,
                order_by: Vec::new(),
                limit: None,
                offset: None,
            },
            "{sql}"
        );
    }
}

#[test]
fn select_with_every_clause() {
    let query = select(
        "SELECT DISTINCT tenant_id, COUNT(*) AS n FROM oceanbase.DBA_OB_BACKUP_JOBS \
         WHERE status = 'DOING' AND job_id > 1 GROUP BY tenant_id HAVING COUNT(*) >= 1 \
         ORDER BY tenant_id DESC, n LIMIT 10 OFFSET 5",
    );
    let count_star = Expr::Function {
        name: "COUNT".into(),
        args: Vec::new(),
        star: true,
        distinct: false,
    };
    assert_eq!(
        query,
        Select {
            distinct: true,
            projection: vec![
                SelectItem::Expr {
                    expr: column("tenant_id"),
                    alias: None,
                    text: "tenant_id".into()
                },
                SelectItem::Expr {
                    expr: count_star.clone(),
                    alias: some_string("n"),
                    text: "COUNT(*)".into()
                },
            ],
            from: Some(ObjectName(names(&["oceanbase", "DBA_OB_BACKUP_JOBS"]))),
            selection: Some(binary(
                binary(column("status"), BinaryOp::Eq, string("DOING")),
                BinaryOp::And,
                binary(column("job_id"), BinaryOp::Gt, number("1"))
            )),
            group_by: vec![column("tenant_id")],
            having: Some(binary(count_star, BinaryOp::GtEq, number("1"))),
            order_by: vec![
                OrderByExpr {
                    expr: column("tenant_id"),
                    asc: false
                },
                OrderByExpr {
                    expr: column("n"),
                    asc: true
                },
            ],
            limit: Some(10),
            offset: Some(5),
        }
    );
}

#[test]
fn limit_forms() {
    let limits = |sql: &str| {
        let query = select(sql);
        (query.limit, query.offset)
    };
    assert_eq!(limits("SELECT 1 LIMIT 3"), (Some(3), None));
    assert_eq!(limits("SELECT 1 LIMIT 3 OFFSET 4"), (Some(3), Some(4)));
    assert_eq!(limits("SELECT 1 LIMIT 4, 3"), (Some(3), Some(4)));
    assert_syntax_error("SELECT 1 LIMIT -1", "-1", 1);
    assert_syntax_error("SELECT 1 LIMIT 1.5", "1.5", 1);
    assert_syntax_error(
        "SELECT 1 LIMIT 99999999999999999999",
        "99999999999999999999",
        1,
    );
}

#[test]
fn select_item_texts_and_aliases() {
    let query = select(
        "SELECT COUNT(*), NOW(), 1+1, 1 + 1 AS two, max( job_id ) m, 'a' \"b\", x `y`, a.b, \
         COUNT(DISTINCT tenant_id), - 5, (1) 'p'",
    );
    let texts: Vec<(String, Option<String>)> = query
        .projection
        .into_iter()
        .map(|item| match item {
            SelectItem::Expr { text, alias, .. } => (text, alias),
            SelectItem::Wildcard => ("*".to_string(), None),
        })
        .collect();
    let expected: Vec<(String, Option<String>)> = [
        ("COUNT(*)", None),
        ("NOW()", None),
        ("1+1", None),
        ("1 + 1", Some("two")),
        ("max( job_id )", Some("m")),
        ("'a'", Some("b")),
        ("x", Some("y")),
        ("a.b", None),
        ("COUNT(DISTINCT tenant_id)", None),
        ("- 5", None),
        ("(1)", Some("p")),
    ]
    .into_iter()
    .map(|(text, alias)| (text.to_string(), alias.map(str::to_string)))
    .collect();
    assert_eq!(texts, expected);
}

#[test]
fn wildcard_only_comes_first() {
    assert_eq!(
        select("SELECT *, 1").projection.first(),
        Some(&SelectItem::Wildcard)
    );
    assert_syntax_error("SELECT 1, *", "*", 1);
    assert_syntax_error("SELECT", "", 1);
    assert_syntax_error("SELECT 1 +", "", 1);
    assert_syntax_error("SELECT 1 AS", "", 1);
    assert_syntax_error("SELECT 1 AS FROM", "FROM", 1);
    assert_syntax_error("SELECT * FROM t x", "x", 1);
    assert_syntax_error("SELECT * FROM", "", 1);
    assert_syntax_error("SELECT * FROM t WHERE", "", 1);
    assert_syntax_error("SELECT FROM t", "FROM t", 1);
    assert_syntax_error("SELECT t.* FROM t", "* FROM t", 1);
    assert_syntax_error("SELECT 1; SELECT 2", "; SELECT 2", 1);
}

#[test]
fn functions() {
    assert_eq!(
        expr("COUNT(DISTINCT a, b)"),
        Expr::Function {
            name: "COUNT".into(),
            args: vec![column("a"), column("b")],
            star: false,
            distinct: true
        }
    );
    assert_eq!(
        expr("now()"),
        Expr::Function {
            name: "now".into(),
            args: Vec::new(),
            star: false,
            distinct: false
        }
    );
    assert_eq!(
        expr("database()"),
        Expr::Function {
            name: "database".into(),
            args: Vec::new(),
            star: false,
            distinct: false
        }
    );
    assert_eq!(
        expr("CURRENT_TIMESTAMP"),
        Expr::Function {
            name: "CURRENT_TIMESTAMP".into(),
            args: Vec::new(),
            star: false,
            distinct: false
        }
    );
    assert_eq!(
        expr("IF(a, 1, 2)"),
        Expr::Function {
            name: "IF".into(),
            args: vec![column("a"), number("1"), number("2")],
            star: false,
            distinct: false
        }
    );
    assert_syntax_error("SELECT COUNT(*, a)", ", a)", 1);
    assert_syntax_error("SELECT f(a,)", ")", 1);
}

#[test]
fn arithmetic_precedence_and_associativity() {
    assert_eq!(
        expr("1 + 2 * 3 - 4"),
        binary(
            binary(
                number("1"),
                BinaryOp::Plus,
                binary(number("2"), BinaryOp::Multiply, number("3"))
            ),
            BinaryOp::Minus,
            number("4")
        )
    );
    assert_eq!(
        expr("8 / 4 % 3 MOD 2"),
        binary(
            binary(
                binary(number("8"), BinaryOp::Divide, number("4")),
                BinaryOp::Modulo,
                number("3")
            ),
            BinaryOp::Modulo,
            number("2")
        )
    );
    assert_eq!(
        expr("-a * +2"),
        binary(
            Expr::Unary {
                op: UnaryOp::Minus,
                expr: Box::new(column("a"))
            },
            BinaryOp::Multiply,
            Expr::Unary {
                op: UnaryOp::Plus,
                expr: Box::new(number("2"))
            }
        )
    );
    assert_eq!(
        expr("(1 + 2) * 3"),
        binary(
            Expr::Nested(Box::new(binary(number("1"), BinaryOp::Plus, number("2")))),
            BinaryOp::Multiply,
            number("3")
        )
    );
    assert_eq!(
        expr("1--1"),
        binary(
            number("1"),
            BinaryOp::Minus,
            Expr::Unary {
                op: UnaryOp::Minus,
                expr: Box::new(number("1"))
            }
        )
    );
}

#[test]
fn logical_precedence() {
    let not = |inner: Expr| Expr::Unary {
        op: UnaryOp::Not,
        expr: Box::new(inner),
    };
    assert_eq!(
        expr("a OR b AND c"),
        binary(
            column("a"),
            BinaryOp::Or,
            binary(column("b"), BinaryOp::And, column("c"))
        )
    );
    assert_eq!(
        expr("NOT a = 1 AND b"),
        binary(
            not(binary(column("a"), BinaryOp::Eq, number("1"))),
            BinaryOp::And,
            column("b")
        )
    );
    assert_eq!(
        expr("a AND NOT NOT b"),
        binary(column("a"), BinaryOp::And, not(not(column("b"))))
    );
    assert_eq!(
        expr("a = 1 + 2"),
        binary(
            column("a"),
            BinaryOp::Eq,
            binary(number("1"), BinaryOp::Plus, number("2"))
        )
    );
    assert_eq!(
        expr("a <> 1 OR b != 2 OR c < 3 OR d <= 4 OR e >= 5"),
        binary(
            binary(
                binary(
                    binary(
                        binary(column("a"), BinaryOp::NotEq, number("1")),
                        BinaryOp::Or,
                        binary(column("b"), BinaryOp::NotEq, number("2"))
                    ),
                    BinaryOp::Or,
                    binary(column("c"), BinaryOp::Lt, number("3"))
                ),
                BinaryOp::Or,
                binary(column("d"), BinaryOp::LtEq, number("4"))
            ),
            BinaryOp::Or,
            binary(column("e"), BinaryOp::GtEq, number("5"))
        )
    );
    assert_syntax_error("SELECT 1 + NOT 0", "NOT 0", 1);
    assert_syntax_error("SELECT a NOT 5", "5", 1);
}

#[test]
fn predicates() {
    assert_eq!(
        expr("a IS NULL"),
        Expr::IsNull {
            expr: Box::new(column("a")),
            negated: false
        }
    );
    assert_eq!(
        expr("a IS NOT NULL AND b"),
        binary(
            Expr::IsNull {
                expr: Box::new(column("a")),
                negated: true
            },
            BinaryOp::And,
            column("b")
        )
    );
    assert_eq!(
        expr("status NOT IN ('A', 'B')"),
        Expr::InList {
            expr: Box::new(column("status")),
            negated: true,
            list: vec![string("A"), string("B")]
        }
    );
    assert_eq!(
        expr("name LIKE 'ha\\_%'"),
        Expr::Like {
            expr: Box::new(column("name")),
            negated: false,
            pattern: Box::new(string("ha\\_%"))
        }
    );
    assert_eq!(
        expr("a NOT LIKE 'x'"),
        Expr::Like {
            expr: Box::new(column("a")),
            negated: true,
            pattern: Box::new(string("x"))
        }
    );
    assert_eq!(
        expr("a BETWEEN 1 AND 2 + 1 AND b"),
        binary(
            Expr::Between {
                expr: Box::new(column("a")),
                negated: false,
                low: Box::new(number("1")),
                high: Box::new(binary(number("2"), BinaryOp::Plus, number("1")))
            },
            BinaryOp::And,
            column("b")
        )
    );
    assert_eq!(
        expr("a NOT BETWEEN 1 AND 2"),
        Expr::Between {
            expr: Box::new(column("a")),
            negated: true,
            low: Box::new(number("1")),
            high: Box::new(number("2"))
        }
    );
    assert_syntax_error("SELECT a IS 5", "5", 1);
    assert_syntax_error("SELECT a IN ()", ")", 1);
    assert_syntax_error("SELECT a BETWEEN 1", "", 1);
}

#[test]
fn literals_and_columns() {
    assert_eq!(expr("NULL"), Expr::Literal(Literal::Null));
    assert_eq!(expr("true"), Expr::Literal(Literal::Bool(true)));
    assert_eq!(expr("FALSE"), Expr::Literal(Literal::Bool(false)));
    assert_eq!(expr("1.50"), number("1.50"));
    assert_eq!(expr("'it''s'"), string("it's"));
    assert_eq!(expr("db.t.`c`"), Expr::Column(names(&["db", "t", "c"])));
    assert_eq!(expr("t.`order`"), Expr::Column(names(&["t", "order"])));
    assert_eq!(expr("t.order"), Expr::Column(names(&["t", "order"])));
    assert_syntax_error("SELECT a.b.c.d", ".d", 1);
    assert_syntax_error("SELECT order", "order", 1);
}
