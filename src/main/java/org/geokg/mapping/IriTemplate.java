package org.geokg.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An IRI template as in R2RML's {@code rr:template}: text with {@code {column}} placeholders, each
 * replaced by the cell of that column. Cells are checked (identifiers, codes) before they are put
 * into an IRI.
 */
public final class IriTemplate {
    private final String template;
    private final List<String> literals = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();

    public IriTemplate(String template) {
        this.template = template;
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) break;
            int close = template.indexOf('}', open);
            if (close < 0) throw new IllegalArgumentException("'{' without '}' in IRI template " + template);
            literals.add(template.substring(at, open));
            columns.add(template.substring(open + 1, close));
            at = close + 1;
        }
        literals.add(template.substring(at));
    }

    /** The columns the template reads. */
    public List<String> columns() { return columns; }

    /** The IRI with every {@code {column}} replaced by {@code cell.apply(column)}. */
    public String expand(UnaryOperator<String> cell) {
        StringBuilder sb = new StringBuilder(literals.get(0));
        for (int i = 0; i < columns.size(); i++) sb.append(cell.apply(columns.get(i))).append(literals.get(i + 1));
        return sb.toString();
    }

    @Override public String toString() { return template; }
}
