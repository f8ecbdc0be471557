package org.organ3d.io.dicom.sr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;

/**
 * One content item of a structured report (PS3.3 C.17.3): relationship to its parent, value type,
 * concept name, value and children, built into the SR Document Content attributes. Immutable once
 * built; children are added while the tree is made. Not thread-safe while being built.
 */
final class ContentItem {

    private final String relationship;
    private final String valueType;
    private final CodedConcept concept;
    private final Attributes value;
    private final List<ContentItem> children = new ArrayList<>();

    private ContentItem(String relationship, String valueType, CodedConcept concept, Attributes value) {
        this.relationship = relationship;
        this.valueType = Objects.requireNonNull(valueType);
        this.concept = concept;
        this.value = value;
    }

    /** A CONTAINER (separate continuity of content). */
    static ContentItem container(String relationship, CodedConcept concept) {
        Attributes v = Attributes.utf8();
        v.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        return new ContentItem(relationship, "CONTAINER", concept, v);
    }

    /** A TEXT item. */
    static ContentItem text(String relationship, CodedConcept concept, String text) {
        Attributes v = Attributes.utf8();
        v.setString(Tag.TextValue, VR.UT, text);
        return new ContentItem(relationship, "TEXT", concept, v);
    }

    /** A CODE item. */
    static ContentItem code(String relationship, CodedConcept concept, CodedConcept code) {
        Attributes v = Attributes.utf8();
        v.setSequence(Tag.ConceptCodeSequence, List.of(code.toItem()));
        return new ContentItem(relationship, "CODE", concept, v);
    }

    /** A UIDREF item. */
    static ContentItem uid(String relationship, CodedConcept concept, String uid) {
        Attributes v = Attributes.utf8();
        v.setString(Tag.UID, VR.UI, uid);
        return new ContentItem(relationship, "UIDREF", concept, v);
    }

    /** A NUM item: a finite value in {@code units} (UCUM). */
    static ContentItem num(String relationship, CodedConcept concept, double number, CodedConcept units) {
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(concept.meaning() + ": not a finite number: " + number);
        }
        Attributes mv = Attributes.utf8();
        mv.setSequence(Tag.MeasurementUnitsCodeSequence, List.of(units.toItem()));
        mv.setDecimal(Tag.NumericValue, number);
        Attributes v = Attributes.utf8();
        v.setSequence(Tag.MeasuredValueSequence, List.of(mv));
        return new ContentItem(relationship, "NUM", concept, v);
    }

    /**
     * An IMAGE item citing an instance (and a segment of a SEG when {@code segment} &gt; 0, or a frame
     * of a multi-frame image when {@code frame} &gt; 0); concept null for image library entries.
     */
    static ContentItem image(String relationship, CodedConcept concept, String sopClass, String sopInstance, int segment,
            int frame) {
        Attributes ref = Attributes.utf8();
        ref.setString(Tag.ReferencedSOPClassUID, VR.UI, sopClass);
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sopInstance);
        if (frame > 0) {
            ref.setIntString(Tag.ReferencedFrameNumber, frame);
        }
        if (segment > 0) {
            ref.setInt(Tag.ReferencedSegmentNumber, VR.US, segment);
        }
        Attributes v = Attributes.utf8();
        v.setSequence(Tag.ReferencedSOPSequence, List.of(ref));
        return new ContentItem(relationship, "IMAGE", concept, v);
    }

    /** A SCOORD3D POINT in patient coordinates (LPS mm) of {@code frameOfReference}. */
    static ContentItem point3d(String relationship, CodedConcept concept, double[] lps, String frameOfReference) {
        return scoord3d(relationship, concept, "POINT", List.of(lps), frameOfReference);
    }

    /**
     * A SCOORD3D of {@code graphicType} (POINT, POLYLINE ...) through {@code points} in patient
     * coordinates (LPS mm) of {@code frameOfReference}; Graphic Data is FL (PS3.3 C.18.9), so each
     * coordinate is rounded to the nearest float (about 4 µm at 500 mm from the origin).
     */
    static ContentItem scoord3d(String relationship, CodedConcept concept, String graphicType, List<double[]> points,
            String frameOfReference) {
        Attributes v = Attributes.utf8();
        v.setString(Tag.ReferencedFrameOfReferenceUID, VR.UI, frameOfReference);
        v.setString(Tag.GraphicType, VR.CS, graphicType);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 * points.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double[] p : points) {
            for (int a = 0; a < 3; a++) {
                if (!Double.isFinite(p[a])) {
                    throw new IllegalArgumentException(concept.meaning() + ": not a finite coordinate: " + p[a]);
                }
                b.putFloat((float) p[a]);
            }
        }
        v.setBytes(Tag.GraphicData, VR.FL, b.array());
        return new ContentItem(relationship, "SCOORD3D", concept, v);
    }

    /** Adds a child; returns this. */
    ContentItem add(ContentItem child) {
        children.add(child);
        return this;
    }

    /** Adds a child; returns the child (to add to it). */
    ContentItem addChild(ContentItem child) {
        children.add(child);
        return child;
    }

    /** Number of items in this subtree, this one included. */
    int count() {
        int n = 1;
        for (ContentItem c : children) {
            n += c.count();
        }
        return n;
    }

    /** Writes this item's attributes into {@code into} (the dataset itself for the root). */
    void writeTo(Attributes into) {
        if (relationship != null) {
            into.setString(Tag.RelationshipType, VR.CS, relationship);
        }
        into.setString(Tag.ValueType, VR.CS, valueType);
        if (concept != null) {
            into.setSequence(Tag.ConceptNameCodeSequence, List.of(concept.toItem()));
        }
        for (Attributes.Element e : value.elements()) {
            into.put(e);
        }
        if (!children.isEmpty()) {
            List<Attributes> items = new ArrayList<>(children.size());
            for (ContentItem c : children) {
                Attributes a = Attributes.utf8();
                c.writeTo(a);
                items.add(a);
            }
            into.setSequence(Tag.ContentSequence, items);
        }
    }
}
