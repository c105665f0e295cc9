package dev.bascule.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the readers share while one snapshot is read: the session, the options and the objects found so far. */
final class ReadContext {

    /** The SQL condition keeping user schemas (alias {@code n}): no system, TOAST or temporary schema. */
    static final String USER_SCHEMA = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";

    final CatalogSession session;
    final SnapshotOptions options;
    /** Kept relations (tables, views, sequences, ...) by OID; a part of a relation not in here is not read. */
    final Map<Long, ObjectBuilder> relations = new HashMap<>();
    /** Composite types by the OID of their relation ({@code typrelid}), for their attributes. */
    final Map<Long, ObjectBuilder> compositeTypes = new HashMap<>();
    /** Domains by type OID, for their constraints. */
    final Map<Long, ObjectBuilder> domains = new HashMap<>();
    private final List<ObjectBuilder> objects = new ArrayList<>();

    ReadContext(CatalogSession session, SnapshotOptions options) {
        this.session = session;
        this.options = options;
    }

    /** The SQL condition that the object is not a member of an extension ({@code CREATE EXTENSION} made it). */
    static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + oid + " AND e.deptype = 'e')";
    }

    ObjectBuilder add(ObjectKind kind, String name, String schema) {
        ObjectBuilder object = new ObjectBuilder(kind, name, schema);
        objects.add(object);
        return object;
    }

    boolean includes(Detail detail) {
        return options.details().contains(detail);
    }

    /** Adds {@code owner} and {@code grants} when the options ask for them. */
    void ownerAndGrants(ObjectBuilder object, String owner, String[] acl, String[] defaultAcl) {
        if (includes(Detail.OWNERSHIP)) {
            object.add(ObjectBuilder.Section.OWNER, "", "owner", owner);
        }
        if (includes(Detail.GRANTS)) {
            object.add(ObjectBuilder.Section.GRANT, "", "grants", CatalogSession.grants(acl, defaultAcl));
        }
    }

    List<ObjectBuilder> objects() {
        return objects;
    }
}
