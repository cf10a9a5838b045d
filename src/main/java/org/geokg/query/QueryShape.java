package org.geokg.query;

import java.util.List;

import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementAssign;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementExists;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementLateral;
import org.apache.jena.sparql.syntax.ElementMinus;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementNotExists;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementUnion;

/**
 * How deep a parsed query is, counted the way Jena's algebra will nest it, and a refusal above
 * {@link #MAX_DEPTH}. Evaluating a query recurses once per level; on a server thread's stack a few
 * thousand levels overflow it (measured: 3,000 path alternatives or 5,000 {@code ||} terms gave
 * Fuseki a StackOverflowError and a 500). Counted as one level each: a group, sub-query, OPTIONAL,
 * MINUS, GRAPH, SERVICE, EXISTS; each element of a group and each branch of a UNION (Jena joins
 * and unions them two at a time); each function or operator in an expression; each step of a
 * property path. The walk itself stops as soon as the limit is passed, so it cannot overflow.
 */
public final class QueryShape {
    /** Deep enough for any query written or generated in earnest; a tenth of what overflowed. */
    public static final int MAX_DEPTH = 500;

    private QueryShape() {}

    /** Sees every SERVICE of a query, wherever it is: in a sub-query, OPTIONAL, or FILTER EXISTS. */
    @FunctionalInterface
    public interface ServiceCheck {
        /**
         * @param inExpression whether the SERVICE sits inside an expression ({@code FILTER EXISTS},
         *                     {@code NOT EXISTS}, or EXISTS in BIND/SELECT): there an error while it
         *                     runs is taken for "no match" rather than reported
         */
        void check(ElementService service, boolean inExpression);
    }

    /** Refuses the query with a one-line {@link BoundedQueryParser.QueryTooComplexException} when too deep. */
    public static void check(Query query) {
        check(query, (s, inExpression) -> {});
    }

    /** As {@link #check(Query)}, and hands every SERVICE of the query to {@code services}. */
    public static void check(Query query, ServiceCheck services) {
        new QueryShape.Walk(services).query(query, 0);
    }

    private static final class Walk {
        private final ServiceCheck services;
        /** How many expressions enclose the current element. */
        private int inExpression;

        Walk(ServiceCheck services) { this.services = services; }

        private void query(Query q, int d) {
            at(d);
            if (q.getQueryPattern() != null) element(q.getQueryPattern(), d + 1);
            if (q.getProject() != null)
                q.getProject().getExprs().values().forEach(e -> expr(e, d + 1));
            if (q.getGroupBy() != null)
                q.getGroupBy().getExprs().values().forEach(e -> expr(e, d + 1));
            if (q.getHavingExprs() != null) q.getHavingExprs().forEach(e -> expr(e, d + 1));
            if (q.getOrderBy() != null)
                for (SortCondition sc : q.getOrderBy()) expr(sc.getExpression(), d + 1);
        }

        private void element(Element e, int d) {
            at(d);
            if (e instanceof ElementGroup g) {
                List<Element> els = g.getElements();
                for (int i = 0; i < els.size(); i++) element(els.get(i), d + 1 + (els.size() - 1 - i));
            } else if (e instanceof ElementUnion u) {
                List<Element> els = u.getElements();
                for (int i = 0; i < els.size(); i++) element(els.get(i), d + 1 + (els.size() - 1 - i));
            } else if (e instanceof ElementOptional o) {
                element(o.getOptionalElement(), d + 1);
            } else if (e instanceof ElementMinus m) {
                element(m.getMinusElement(), d + 1);
            } else if (e instanceof ElementNamedGraph g) {
                element(g.getElement(), d + 1);
            } else if (e instanceof ElementService s) {
                services.check(s, inExpression > 0);
                element(s.getElement(), d + 1);
            } else if (e instanceof ElementLateral l) {
                element(l.getLateralElement(), d + 1);
            } else if (e instanceof ElementExists x) {
                element(x.getElement(), d + 1);
            } else if (e instanceof ElementNotExists x) {
                element(x.getElement(), d + 1);
            } else if (e instanceof ElementSubQuery s) {
                query(s.getQuery(), d + 1);
            } else if (e instanceof ElementFilter f) {
                expr(f.getExpr(), d + 1);
            } else if (e instanceof ElementBind b) {
                expr(b.getExpr(), d + 1);
            } else if (e instanceof ElementAssign a) {
                expr(a.getExpr(), d + 1);
            } else if (e instanceof ElementPathBlock b) {
                for (TriplePath tp : b.getPattern().getList())
                    if (tp.getPath() != null) path(tp.getPath(), d + 1);
            }
            // Triples blocks and VALUES are flat lists: no depth of their own.
        }

        private void expr(Expr e, int d) {
            at(d);
            if (e instanceof ExprFunctionOp f && f.getElement() != null) {
                inExpression++;
                try {
                    element(f.getElement(), d + 1);
                } finally {
                    inExpression--;
                }
            }
            if (e instanceof ExprFunction f)
                for (Expr arg : f.getArgs()) expr(arg, d + 1);
            else if (e instanceof ExprAggregator a && a.getAggregator().getExprList() != null)
                for (Expr arg : a.getAggregator().getExprList()) expr(arg, d + 1);
        }

        private void path(Path p, int d) {
            at(d);
            if (p instanceof P_Path2 p2) {
                path(p2.getLeft(), d + 1);
                path(p2.getRight(), d + 1);
            } else if (p instanceof P_Path1 p1) {
                path(p1.getSubPath(), d + 1);
            }
        }

        private static void at(int depth) {
            if (depth > MAX_DEPTH)
                throw new BoundedQueryParser.QueryTooComplexException("the query is nested more than " + MAX_DEPTH
                        + " levels deep (sub-queries, groups, UNION branches, path alternatives or || and && terms "
                        + "each add one); write long alternatives as VALUES or IN (...)");
        }
    }
}
