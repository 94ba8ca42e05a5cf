package io.databourse.cluster.client;

import static io.databourse.cluster.protocol.ClusterProtocol.CATCH_UP_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.CORRELATION_ID_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.FROM_SEQ_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_CATCH_UP;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_COMMAND;
import static io.databourse.cluster.protocol.ClusterProtocol.INGRESS_HEADER_LENGTH;
import static io.databourse.cluster.protocol.ClusterProtocol.KIND_OFFSET;
import static io.databourse.cluster.protocol.ClusterProtocol.LINK_ID_OFFSET;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.client.AeronCluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a link sends the cluster (the ingress of {@code ClusterProtocol}), each message headed by the
 * link's id: a numbered command, gathered with its header without a copy, or a catch-up request.
 * Under the link's lock (one header buffer).
 */
final class ClusterIngress
{
    private final UnsafeBuffer ingressHeader = new UnsafeBuffer(new byte[CATCH_UP_LENGTH]);
    private final DirectBufferVector headerVector = new DirectBufferVector();
    private final DirectBufferVector commandVector = new DirectBufferVector();
    private final DirectBufferVector[] commandVectors = {null, headerVector, commandVector};
    private final DirectBufferVector[] headerOnlyVectors = {null, headerVector};

    ClusterIngress(final long linkId)
    {
        ingressHeader.putLong(LINK_ID_OFFSET, linkId);
    }

    /** Command {@code correlationId}: the result of {@link AeronCluster#offer}. */
    long offerCommand(
        final AeronCluster client, final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        ingressHeader.putInt(KIND_OFFSET, INGRESS_COMMAND);
        ingressHeader.putLong(CORRELATION_ID_OFFSET, correlationId);
        headerVector.reset(ingressHeader, 0, INGRESS_HEADER_LENGTH);
        commandVector.reset(buffer, offset, length);
        return client.offer(commandVectors);
    }

    /** Asks for every record from {@code fromSeq} (or only the stream's position): the result of {@link AeronCluster#offer}. */
    long offerCatchUp(final AeronCluster client, final long fromSeq)
    {
        ingressHeader.putInt(KIND_OFFSET, INGRESS_CATCH_UP);
        ingressHeader.putLong(CORRELATION_ID_OFFSET, 0);
        ingressHeader.putLong(FROM_SEQ_OFFSET, fromSeq);
        headerVector.reset(ingressHeader, 0, CATCH_UP_LENGTH);
        return client.offer(headerOnlyVectors);
    }
}
