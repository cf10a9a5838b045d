package org.geokg.shapes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.engine.constraint.ConstraintOp1;
import org.apache.jena.shacl.engine.constraint.ConstraintOpN;
import org.apache.jena.shacl.engine.constraint.ShNot;
import org.apache.jena.shacl.engine.constraint.ShOr;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportItem;
import org.apache.jena.shacl.validation.ValidationProc;

/**
 * Jena's {@code sh:or} and {@code sh:not} (5.6.0) ask whether a node conforms to a nested shape by
 * building that check's whole validation report, as RDF, and asking it; with a claim-level
 * {@code sh:or} in most shapes, that was a fifth of a validation. Here the same constraints ask the
 * nested check whether it saw any report entry, which is what the report's conformance means.
 * Everything else, messages included, is Jena's: {@link ShapeCheckTest} holds the result to Jena's
 * own validator.
 */
final class QuickConformance {
    private QuickConformance() {}

    /** Replaces, in place, every {@code sh:or} and {@code sh:not} of {@code shapes}. */
    static void install(Shapes shapes) {
        Set<Shape> seen = new HashSet<>();
        shapes.getTargetShapes().forEach(s -> replaceIn(s, seen));
    }

    private static void replaceIn(Shape shape, Set<Shape> seen) {
        if (!seen.add(shape)) return;
        Collection<Constraint> constraints = shape.getConstraints();
        List<Constraint> replaced = new ArrayList<>(constraints.size());
        boolean changed = false;
        for (Constraint c : constraints) {
            Constraint r = c instanceof ShOr or && !(c instanceof QuickOr) ? new QuickOr(or)
                    : c instanceof ShNot not && !(c instanceof QuickNot) ? new QuickNot(not) : c;
            changed |= r != c;
            replaced.add(r);
            if (c instanceof ConstraintOpN n) n.getOthers().forEach(s -> replaceIn(s, seen));
            if (c instanceof ConstraintOp1 one) replaceIn(one.getOther(), seen);
        }
        if (changed) {
            constraints.clear();
            constraints.addAll(replaced);
        }
        shape.getPropertyShapes().forEach(ps -> replaceIn(ps, seen));
    }

    private static boolean conforms(ValidationContext vCxt, Graph data, Shape shape, Node node) {
        ValidationContext nested = ValidationContext.create(vCxt);
        ValidationProc.execValidateShape(nested, data, shape, node);
        return !nested.hasViolation();
    }

    private static final class QuickOr extends ShOr {
        QuickOr(ShOr or) { super(or.getOthers()); }

        @Override
        public ReportItem validate(ValidationContext vCxt, Graph data, Node node) {
            for (Shape other : others)
                if (conforms(vCxt, data, other, node)) return null;
            return new ReportItem(this + " at focusNode " + ShLib.displayStr(node), node);
        }
    }

    private static final class QuickNot extends ShNot {
        QuickNot(ShNot not) { super(not.getOther()); }

        @Override
        public ReportItem validate(ValidationContext vCxt, Graph data, Node node) {
            if (!conforms(vCxt, data, getOther(), node)) return null;
            return new ReportItem("Not[" + getOther() + "] at focusNode " + ShLib.displayStr(node), node);
        }
    }
}
