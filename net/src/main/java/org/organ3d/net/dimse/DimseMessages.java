package org.organ3d.net.dimse;

import java.util.List;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;

/**
 * DIMSE command sets (PS3.7 §9.3 and Annex E) for the services an SCU uses, the SOP classes they
 * name, and status codes in words. Thread-safe (stateless).
 */
public final class DimseMessages {

    /** Verification SOP class (C-ECHO). */
    public static final String VERIFICATION = "1.2.840.10008.1.1";
    /** Study Root Query/Retrieve Information Model - FIND. */
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    /** Study Root Query/Retrieve Information Model - GET. */
    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";

    /** Command Field values. */
    public static final int C_STORE_RQ = 0x0001;
    public static final int C_STORE_RSP = 0x8001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_GET_RSP = 0x8010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_FIND_RSP = 0x8020;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_ECHO_RSP = 0x8030;
    public static final int C_CANCEL_RQ = 0x0FFF;

    /** Command Data Set Type: no dataset follows. */
    public static final int NO_DATASET = 0x0101;
    /** Command Data Set Type: a dataset follows (any value but 0x0101). */
    public static final int DATASET = 0x0001;

    /** Status: success. */
    public static final int SUCCESS = 0x0000;
    /** Status: pending (matches or sub-operations continue). */
    public static final int PENDING = 0xFF00;
    /** Status: pending with optional keys not supported. */
    public static final int PENDING_WARNING = 0xFF01;
    /** Status: cancelled. */
    public static final int CANCEL = 0xFE00;
    /** Status: C-STORE refused, out of resources. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** Status: C-STORE refused, cannot understand. */
    public static final int CANNOT_UNDERSTAND = 0xC000;

    /**
     * Storage SOP classes proposed for a C-GET when the archive did not say which classes the
     * series holds: images organ3d reads, and the clinical objects it exchanges.
     */
    public static final List<String> COMMON_STORAGE = List.of(
            "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.4",
            "1.2.840.10008.5.1.4.1.1.4.1", "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.128",
            "1.2.840.10008.5.1.4.1.1.130", "1.2.840.10008.5.1.4.1.1.20", "1.2.840.10008.5.1.4.1.1.481.1",
            "1.2.840.10008.5.1.4.1.1.481.2", "1.2.840.10008.5.1.4.1.1.481.3", "1.2.840.10008.5.1.4.1.1.66.4",
            "1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.88.33",
            "1.2.840.10008.5.1.4.1.1.88.34", "1.2.840.10008.5.1.4.1.1.6.1", "1.2.840.10008.5.1.4.1.1.12.1",
            "1.2.840.10008.5.1.4.1.1.1", "1.2.840.10008.5.1.4.1.1.1.1");

    private DimseMessages() {
    }

    /** A request command: the common elements. */
    private static Attributes request(String sopClass, int field, int messageId, boolean dataset) {
        Attributes c = new Attributes();
        c.setString(Tag.AffectedSOPClassUID, VR.UI, sopClass);
        c.setInt(Tag.CommandField, VR.US, field);
        c.setInt(Tag.MessageID, VR.US, messageId);
        c.setInt(Tag.CommandDataSetType, VR.US, dataset ? DATASET : NO_DATASET);
        return c;
    }

    /** C-ECHO-RQ. */
    public static Attributes echo(int messageId) {
        return request(VERIFICATION, C_ECHO_RQ, messageId, false);
    }

    /** C-FIND-RQ (an identifier follows). */
    public static Attributes find(String sopClass, int messageId) {
        Attributes c = request(sopClass, C_FIND_RQ, messageId, true);
        c.setInt(Tag.Priority, VR.US, 0);
        return c;
    }

    /** C-GET-RQ (an identifier follows). */
    public static Attributes get(String sopClass, int messageId) {
        Attributes c = request(sopClass, C_GET_RQ, messageId, true);
        c.setInt(Tag.Priority, VR.US, 0);
        return c;
    }

    /** C-STORE-RQ (the dataset follows). */
    public static Attributes store(String sopClass, String sopInstance, int messageId) {
        Attributes c = request(sopClass, C_STORE_RQ, messageId, true);
        c.setInt(Tag.Priority, VR.US, 0);
        c.setString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstance);
        return c;
    }

    /** C-CANCEL-RQ for an earlier request. */
    public static Attributes cancel(int messageIdBeingRespondedTo) {
        Attributes c = new Attributes();
        c.setInt(Tag.CommandField, VR.US, C_CANCEL_RQ);
        c.setInt(Tag.MessageIDBeingRespondedTo, VR.US, messageIdBeingRespondedTo);
        c.setInt(Tag.CommandDataSetType, VR.US, NO_DATASET);
        return c;
    }

    /** C-STORE-RSP answering a C-STORE-RQ (a C-STORE sub-operation of a C-GET). */
    public static Attributes storeResponse(Attributes rq, int status) {
        Attributes c = new Attributes();
        String cls = rq.getString(Tag.AffectedSOPClassUID);
        String inst = rq.getString(Tag.AffectedSOPInstanceUID);
        if (cls != null) {
            c.setString(Tag.AffectedSOPClassUID, VR.UI, cls);
        }
        c.setInt(Tag.CommandField, VR.US, C_STORE_RSP);
        c.setInt(Tag.MessageIDBeingRespondedTo, VR.US, rq.getInt(Tag.MessageID, 0));
        c.setInt(Tag.CommandDataSetType, VR.US, NO_DATASET);
        c.setInt(Tag.Status, VR.US, status);
        if (inst != null) {
            c.setString(Tag.AffectedSOPInstanceUID, VR.UI, inst);
        }
        return c;
    }

    /** True if a dataset follows this command. */
    public static boolean hasDataset(Attributes command) {
        return command.getInt(Tag.CommandDataSetType, NO_DATASET) != NO_DATASET;
    }

    /** The Status of a response (0xFFFF-masked), or -1 when absent. */
    public static int status(Attributes response) {
        return response.getInt(Tag.Status, -1);
    }

    /** True for pending statuses (0xFF00, 0xFF01). */
    public static boolean isPending(int status) {
        return status == PENDING || status == PENDING_WARNING;
    }

    /** True for warning statuses (0x0001, 0xBxxx), which still mean done. */
    public static boolean isWarning(int status) {
        return status == 0x0001 || (status & 0xF000) == 0xB000;
    }

    /** A status and the response's Error Comment, in words. */
    public static String describe(int status, Attributes response) {
        String text = switch (status) {
            case SUCCESS -> "success";
            case CANCEL -> "cancelled";
            case 0x0105 -> "no such attribute";
            case 0x0110 -> "processing failure";
            case 0x0112 -> "no such SOP instance";
            case 0x0117 -> "invalid object instance";
            case 0x0122 -> "SOP class not supported";
            case 0x0124 -> "not authorized";
            case 0x0211 -> "unrecognized operation";
            case 0xA700, 0xA701, 0xA702 -> "out of resources";
            case 0xA801 -> "move destination unknown";
            case 0xA900 -> "identifier does not match SOP class";
            case 0xAA00 -> "none of the frames requested were found";
            case 0xB000 -> "sub-operations completed with failures";
            case 0xB006 -> "elements discarded";
            case 0xB007 -> "dataset does not match SOP class (stored anyway)";
            default -> (status & 0xF000) == 0xC000 ? "unable to process" : "status";
        };
        String comment = response == null ? null : response.getText(Tag.ErrorComment);
        return text + String.format(" (0x%04X)", status) + (comment == null ? "" : ": " + comment);
    }
}
