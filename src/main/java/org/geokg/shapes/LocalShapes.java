package org.geokg.shapes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.engine.Target;
import org.apache.jena.shacl.engine.constraint.ClassConstraint;
import org.apache.jena.shacl.engine.constraint.ClosedConstraint;
import org.apache.jena.shacl.engine.constraint.ConstraintComponentSPARQL;
import org.apache.jena.shacl.engine.constraint.ConstraintOp1;
import org.apache.jena.shacl.engine.constraint.ConstraintOpN;
import org.apache.jena.shacl.engine.constraint.ConstraintPairwise;
import org.apache.jena.shacl.engine.constraint.JLogConstraint;
import org.apache.jena.shacl.engine.constraint.JViolationConstraint;
import org.apache.jena.shacl.engine.constraint.QualifiedValueShape;
import org.apache.jena.shacl.engine.constraint.ReportConstraint;
import org.apache.jena.shacl.engine.constraint.SparqlConstraint;
import org.apache.jena.shacl.parser.Constraint;
import org.apache.jena.shacl.parser.PropertyShape;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.path.P_Inverse;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.Path;

/**
 * What the shapes look at, when each focus node is checked on its own (see {@link ShapeCheck}):
 * the predicates whose triples a focus node needs as subject ({@link #outgoing}) and as object
 * ({@link #incoming}: inverse paths, {@code sh:targetObjectsOf}), and those a value node needs for
 * a shape checked on it ({@link #ofValues}, e.g. the {@code rdfs:label} of a claim's subject for
 * {@code sh:node kgsh:LabelledShape}). Values' types ({@code sh:class}) are always at hand.
 *
 * <p>A shape is local when it reads no further than that: paths of one predicate or one inverse
 * step; on the focus node's values only their types and their own direct predicates, whose values
 * in turn are only tested as terms (datatype, pattern, {@code sh:in}, ...). Whatever reads further
 * ({@code sh:closed}, qualified value shapes, sequence and other complex paths, shapes on the values
 * of values, SPARQL constraints) is refused with the shape named, not checked half.
 */
final class LocalShapes {
    final Set<Node> outgoing = new HashSet<>();
    final Set<Node> incoming = new HashSet<>();
    final Set<Node> ofValues = new HashSet<>();
    /** Why a shape is not local, one line each ("shape kgsh:X uses ..."); empty when all are. */
    final List<String> unsupported = new ArrayList<>();

    /** A focus node, one of its values, and a value of a value. */
    private static final int FOCUS = 0, VALUE = 1, VALUE_OF_VALUE = 2;

    private final PrefixMapping prefixes;
    private final Set<String> seen = new HashSet<>();
    /** The shape with a target being read: what a blank-node shape inside it is named by. */
    private Shape top;

    LocalShapes(Shapes shapes) {
        this.prefixes = shapes.getGraph().getPrefixMapping();
        for (Shape shape : shapes.getTargetShapes()) {
            top = shape;
            for (Target target : shape.getTargets()) {
                switch (target.getTargetType()) {
                    case targetClass, implicitClass, targetNode -> { }
                    case targetSubjectsOf -> outgoing.add(target.getObject());
                    case targetObjectsOf -> incoming.add(target.getObject());
                    default -> refuse(shape, "a SPARQL-based target (sh:target); only SHACL Core targets are supported");
                }
            }
            nodeLevel(shape, FOCUS);
        }
    }

    /** The constraints and property shapes of {@code shape}, checked on a node at {@code depth}. */
    private void nodeLevel(Shape shape, int depth) {
        if (shape instanceof PropertyShape ps) {
            propertyShape(ps, depth);
            return;
        }
        if (!seen.add(shape.getShapeNode() + "@" + depth)) return; // shapes may refer to each other
        for (Constraint c : shape.getConstraints()) constraint(shape, c, depth);
        for (PropertyShape ps : shape.getPropertyShapes()) propertyShape(ps, depth);
    }

    private void propertyShape(PropertyShape ps, int depth) {
        if (!seen.add(ps.getShapeNode() + "@path@" + depth)) return;
        Path path = ps.getPath();
        Node predicate = path instanceof P_Link link ? link.getNode()
                : path instanceof P_Inverse inv && inv.getSubPath() instanceof P_Link link ? link.getNode() : null;
        if (predicate == null) {
            refuse(ps, "the path " + path + ": only a predicate or one sh:inversePath of a predicate is supported");
            return;
        }
        boolean inverse = path instanceof P_Inverse;
        if (depth == FOCUS) (inverse ? incoming : outgoing).add(predicate);
        else if (depth == VALUE && !inverse) ofValues.add(predicate);
        else {
            refuse(ps, depth == VALUE ? "an inverse path on a value node (sh:node, sh:or, ... on a property's values); "
                    + "only a value's own predicates are supported there"
                    : "a property shape on the values of a value; a value's values can only be tested as terms");
            return;
        }
        for (Constraint c : ps.getConstraints()) {
            if (c instanceof ConstraintPairwise pair) pairwise(ps, pair, depth);
            else constraint(ps, c, depth + 1);
        }
        for (PropertyShape nested : ps.getPropertyShapes()) propertyShape(nested, depth + 1);
    }

    /** sh:equals, sh:disjoint, sh:lessThan(OrEquals) compare with another predicate of the same node. */
    private void pairwise(Shape shape, ConstraintPairwise pair, int depth) {
        if (depth == FOCUS) outgoing.add(pair.getValue());
        else if (depth == VALUE) ofValues.add(pair.getValue());
        else refuse(shape, "sh:equals, sh:disjoint or sh:lessThan on a value's values");
    }

    /** A constraint tested on a node at {@code depth}. */
    private void constraint(Shape shape, Constraint c, int depth) {
        if (c instanceof ClosedConstraint) refuse(shape, "sh:closed, which reads every predicate of a node; name the predicates with sh:maxCount 0 instead");
        else if (c instanceof QualifiedValueShape) refuse(shape, "a qualified value shape (sh:qualifiedValueShape); use sh:node or sh:class on the values");
        else if (c instanceof SparqlConstraint || c instanceof ConstraintComponentSPARQL || c instanceof JLogConstraint
                || c instanceof JViolationConstraint || c instanceof ReportConstraint)
            refuse(shape, "a constraint outside SHACL Core (" + c + ")");
        else if (c instanceof ClassConstraint && depth == VALUE_OF_VALUE)
            refuse(shape, "sh:class on a value's values; a value's values can only be tested as terms");
        else if (c instanceof ConstraintPairwise pair) pairwise(shape, pair, depth);
        else if (c instanceof ConstraintOp1 op) nodeLevel(op.getOther(), depth);
        else if (c instanceof ConstraintOpN op) op.getOthers().forEach(s -> nodeLevel(s, depth));
        // Any other SHACL Core constraint tests the node as a term, or counts the path's values.
    }

    private void refuse(Shape shape, String what) {
        Node n = shape.getShapeNode();
        String name = n.isURI() ? "shape " + name(n)
                : (shape instanceof PropertyShape ? "a property shape" : "a shape") + " in shape " + name(top.getShapeNode());
        unsupported.add(name + " uses " + what);
    }

    private String name(Node shapeNode) {
        if (!shapeNode.isURI()) return "a shape without a name";
        String q = prefixes.qnameFor(shapeNode.getURI());
        return q != null ? q : "<" + shapeNode.getURI() + ">";
    }
}
