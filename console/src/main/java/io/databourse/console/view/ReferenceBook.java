package io.databourse.console.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.ComplianceEventDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Participants and products as the journal's reference-data events define them (each event embeds
 * the defining command), indexed as the matcher indexes them. The console names things from here
 * and never from its own configuration: what the matcher registered is what exists.
 */
public final class ReferenceBook
{
    /** A participant as last defined; {@code command} is the defining command's bytes (for an update that changes one field). */
    public static final class Participant
    {
        public final int index;
        public final String id;
        public int roles;
        public byte qualification;
        public byte jurisdiction;
        public byte status;
        public boolean localTaxpayer;
        byte[] command;

        Participant(final int index, final String id)
        {
            this.index = index;
            this.id = id;
        }

        /** A copy of the defining command (header included), to re-send with one field changed. */
        public UnsafeBuffer commandCopy()
        {
            return new UnsafeBuffer(command.clone());
        }
    }

    /** A product's definition and lifecycle status. */
    public static final class Product
    {
        public final int index;
        public final String id;
        public byte kind;
        public byte grade;
        public byte rights;
        public byte delivery;
        public byte status;
        public boolean crossBorder;
        public boolean personalInfo;
        public boolean resale;
        public long tickFen;
        public long lotQty;
        public int bandBps;
        public long referencePriceFen;
        public long usagePerLot;
        public int termDays;
        public String sponsor;
        /** The data supplier owning it (data, algorithm); "" for compute. */
        public String owner;
        /** The compliance officer whose review decided it; "" before any review. */
        public String reviewedBy;
        /** Bit set of {@link Codes.Purpose}: the uses a buy may declare; 0 when none declared. */
        public int purposes;
        public String hardware;
        public String region;
        public long windowStartNs;
        public long windowEndNs;
        /** Seq of the record that last changed the status. */
        public long statusSeq;
        /** In a call auction (orders collected, nothing trades), with the indicative price last published (0: none). */
        public boolean inAuction;
        public long indicativePriceFen;
        public long indicativeVolume;

        Product(final int index, final String id)
        {
            this.index = index;
            this.id = id;
        }
    }

    private final int participantsMax;
    private final int productsMax;
    private final List<Participant> participants = new ArrayList<>();
    private final Map<String, Participant> participantsById = new HashMap<>();
    private final List<Product> products = new ArrayList<>();
    private final Map<String, Product> productsById = new HashMap<>();
    private final ReferenceDataEventDecoder referenceData = new ReferenceDataEventDecoder();
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final ProductStatusEventDecoder productStatus = new ProductStatusEventDecoder();
    private final ComplianceEventDecoder compliance = new ComplianceEventDecoder();
    private final AuctionEventDecoder auction = new AuctionEventDecoder();

    public ReferenceBook(final int participantsMax, final int productsMax)
    {
        this.participantsMax = participantsMax;
        this.productsMax = productsMax;
    }

    /** Applies a reference-data event; false when the event is of another kind. */
    boolean onEvent(final long seq, final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
                Codecs.wrap(referenceData, buffer, offset);
                onParticipant(referenceData.participant(), buffer, offset + ReferenceDataEventDecoder.BLOCK_LENGTH);
                return true;
            case MessageType.PRODUCT_REGISTERED:
                Codecs.wrap(referenceData, buffer, offset);
                onProduct(seq, referenceData.product(), buffer, offset + ReferenceDataEventDecoder.BLOCK_LENGTH);
                return true;
            case MessageType.PRODUCT_STATUS_CHANGED:
                Codecs.wrap(productStatus, buffer, offset);
                final Product product = product(productStatus.product());
                if (null != product)
                {
                    product.status = productStatus.toStatus();
                    product.statusSeq = seq;
                }
                return true;
            case MessageType.AUCTION_STARTED:
            case MessageType.AUCTION_INDICATIVE:
            case MessageType.AUCTION_UNCROSSED:
            {
                Codecs.wrap(auction, buffer, offset);
                final Product auctioned = product(auction.product());
                if (null != auctioned)
                {
                    auctioned.inAuction = MessageType.AUCTION_UNCROSSED != type;
                    auctioned.indicativePriceFen = MessageType.AUCTION_INDICATIVE == type ? auction.priceFen() : 0;
                    auctioned.indicativeVolume = MessageType.AUCTION_INDICATIVE == type ? auction.volume() : 0;
                    auctioned.statusSeq = seq;
                }
                return true;
            }
            case MessageType.PRODUCT_REVIEWED:
            case MessageType.PRODUCT_SPONSORED:
            {
                // the status a review changes comes as its own status event; here who decided
                Codecs.wrap(compliance, buffer, offset);
                final Product reviewed = product(compliance.product());
                if (null != reviewed)
                {
                    if (MessageType.PRODUCT_REVIEWED == type)
                    {
                        reviewed.reviewedBy = participantId(compliance.actor());
                    }
                    else
                    {
                        reviewed.sponsor = participantId(compliance.actor());
                    }
                }
                return true;
            }
            default:
                return false;
        }
    }

    private void onParticipant(final int index, final DirectBuffer buffer, final int commandOffset)
    {
        Codecs.wrap(participantCommand, buffer, commandOffset);
        Participant p = participant(index);
        if (null == p)
        {
            // The matcher assigns indexes 0, 1, 2, ... in registration order.
            if (index != participants.size() || index >= participantsMax)
            {
                throw new IllegalStateException("participant index " + index + " out of order or over " + participantsMax);
            }
            p = new Participant(index, participantCommand.participantId());
            participants.add(p);
            participantsById.put(p.id, p);
        }
        p.roles = participantCommand.roles();
        p.qualification = participantCommand.qualification();
        p.jurisdiction = participantCommand.jurisdiction();
        p.status = participantCommand.status();
        p.localTaxpayer = participantCommand.localTaxpayerRaw() != 0;
        final int length = RecordHeader.lengthAt(buffer, commandOffset);
        final byte[] bytes = new byte[length];
        buffer.getBytes(commandOffset, bytes);
        p.command = bytes;
    }

    private void onProduct(final long seq, final int index, final DirectBuffer buffer, final int commandOffset)
    {
        if (index != products.size() || index >= productsMax)
        {
            throw new IllegalStateException("product index " + index + " out of order or over " + productsMax);
        }
        final ProductCommandDecoder c = productCommand;
        Codecs.wrap(c, buffer, commandOffset);
        final Product p = new Product(index, c.productId());
        p.kind = c.kind();
        p.grade = c.grade();
        p.rights = c.rights();
        p.delivery = c.delivery();
        p.status = c.status();
        p.statusSeq = seq;
        p.crossBorder = c.crossBorderRaw() != 0;
        p.personalInfo = c.personalInfoRaw() != 0;
        p.resale = (c.rights() & Codes.Rights.OPERATE) != 0; // the operate right replaced the resale flag
        p.tickFen = c.tickFen();
        p.lotQty = c.lotQty();
        p.bandBps = c.bandBps();
        p.referencePriceFen = c.referencePriceFen();
        p.usagePerLot = c.usagePerLot();
        p.termDays = c.termDays();
        p.sponsor = c.sponsor();
        p.owner = c.owner();
        p.reviewedBy = c.reviewedBy();
        p.purposes = c.purposes();
        p.hardware = c.hardware();
        p.region = c.region();
        p.windowStartNs = c.windowStartNs();
        p.windowEndNs = c.windowEndNs();
        products.add(p);
        productsById.put(p.id, p);
    }

    public Participant participant(final int index)
    {
        return index >= 0 && index < participants.size() ? participants.get(index) : null;
    }

    public Participant participant(final String id)
    {
        return participantsById.get(id);
    }

    /** The id of a participant index, or "" (an event naming no participant). */
    public String participantId(final int index)
    {
        final Participant p = participant(index);
        return null == p ? "" : p.id;
    }

    public Product product(final int index)
    {
        return index >= 0 && index < products.size() ? products.get(index) : null;
    }

    public Product product(final String id)
    {
        return productsById.get(id);
    }

    public String productId(final int index)
    {
        final Product p = product(index);
        return null == p ? "" : p.id;
    }

    public List<Participant> participants()
    {
        return participants;
    }

    public List<Product> products()
    {
        return products;
    }
}
