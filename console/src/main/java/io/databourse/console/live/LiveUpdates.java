package io.databourse.console.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.databourse.console.auth.ConsoleRole;
import io.databourse.console.auth.ConsoleSession;
import io.databourse.console.auth.SessionStore;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.ReferenceBook;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.position.PositionsStage;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Pushes "what changed" to the open pages over WebSocket, fed by the journal's consumers: the
 * console's journal follower (orders, fills, refusals, reference data) and the positions stage
 * (positions republished). Each message names topics, never data: the page then fetches the views
 * it shows through the same role-checked API as any request, so the push can tell nobody anything
 * the API would not. A participant's page hears of its own orders, fills and positions and of the
 * public market; a risk officer's or regulator's page hears of every participant's.
 * <p>Everything runs on the HTTP event loop: the feeders' threads only hand a task to it.
 */
public final class LiveUpdates
{
    /** Topics a page may hear of. */
    static final String MARKET = "market";
    static final String ORDERS = "orders";
    static final String TRADES = "trades";
    static final String POSITIONS = "positions";
    static final String RISK = "risk";
    static final String REFERENCE = "reference";
    static final String ALERTS = "alerts";
    static final String ACTIONS = "actions";

    private final EventLoop loop;
    private final SessionStore sessions;
    private final ConsoleView view;
    private final PositionsStage positions;
    private final int connectionsMax;
    private final Map<Channel, ConsoleSession> channels = new IdentityHashMap<>();
    private final Map<String, PositionView> lastPositions = new HashMap<>();
    private volatile long pushes;

    public LiveUpdates(final EventLoop loop, final SessionStore sessions, final ConsoleView view,
        final PositionsStage positions, final int connectionsMax)
    {
        this.loop = loop;
        this.sessions = sessions;
        this.view = view;
        this.positions = positions;
        this.connectionsMax = connectionsMax;
    }

    /** Whether another live page may connect (on the loop). */
    boolean hasRoom()
    {
        return channels.size() < connectionsMax;
    }

    /** Registers an upgraded connection (on the loop). */
    void register(final Channel channel, final ConsoleSession session)
    {
        assert loop.inEventLoop();
        channels.put(channel, session);
        channel.closeFuture().addListener(f -> loop.execute(() -> channels.remove(channel)));
        send(channel, "hello", view.lastSeq(), List.of());
    }

    public int connectionCount()
    {
        return channels.size();
    }

    /** Messages pushed since start (tests wait on it, never on time). */
    public long pushes()
    {
        return pushes;
    }

    /** The journal follower's batch changed these (follower's thread). */
    public void onChanges(final ConsoleView.Changes changes)
    {
        if (loop.isShuttingDown())
        {
            return; // the console is closing: no page is told any more
        }
        loop.execute(() -> push(changes));
    }

    /** The positions stage republished views (settlement's thread). */
    public void onPositionsPublished(final long seq)
    {
        loop.execute(() -> pushPositions(seq));
    }

    /** A new alert was raised (the surveillance stage's thread): every regulator page hears of it. */
    public void onAlert(final long seq)
    {
        loop.execute(() ->
        {
            for (final Map.Entry<Channel, ConsoleSession> e : new ArrayList<>(channels.entrySet()))
            {
                if (live(e.getKey(), e.getValue()) && ConsoleRole.REGULATOR == roleOf(e.getValue()))
                {
                    send(e.getKey(), "changed", seq, List.of(ALERTS));
                }
            }
        });
    }

    private void push(final ConsoleView.Changes changes)
    {
        if (channels.isEmpty())
        {
            return;
        }
        for (final Map.Entry<Channel, ConsoleSession> e : new ArrayList<>(channels.entrySet()))
        {
            final Channel channel = e.getKey();
            final ConsoleSession session = e.getValue();
            if (!live(channel, session))
            {
                continue;
            }
            final ConsoleRole role = roleOf(session);
            final int index = indexOf(session);
            final List<String> topics = new ArrayList<>(6);
            if (!changes.products().isEmpty() || changes.referenceData())
            {
                topics.add(MARKET);
            }
            if (role.seesAll() ? !changes.participants().isEmpty() : changes.touches(index))
            {
                topics.add(ORDERS);
                topics.add(TRADES);
            }
            if (role.seesAll() && (!changes.products().isEmpty() || !changes.participants().isEmpty()))
            {
                topics.add(RISK);
            }
            if (changes.referenceData())
            {
                topics.add(REFERENCE);
            }
            if (changes.adminActions() && ConsoleRole.REGULATOR == role)
            {
                // an action's outcome, refusals included (a refusal changes no reference data)
                topics.add(ACTIONS);
            }
            if (!topics.isEmpty())
            {
                send(channel, "changed", changes.seq(), topics);
            }
        }
    }

    private void pushPositions(final long seq)
    {
        final List<String> changed = new ArrayList<>();
        for (final PositionView v : positions.views())
        {
            if (lastPositions.put(v.participant(), v) != v)
            {
                changed.add(v.participant());
            }
        }
        if (changed.isEmpty() || channels.isEmpty())
        {
            return;
        }
        for (final Map.Entry<Channel, ConsoleSession> e : new ArrayList<>(channels.entrySet()))
        {
            final ConsoleSession session = e.getValue();
            if (!live(e.getKey(), session))
            {
                continue;
            }
            if (roleOf(session).seesAll())
            {
                send(e.getKey(), "changed", seq, List.of(POSITIONS, RISK));
            }
            else if (changed.contains(session.participant()))
            {
                send(e.getKey(), "changed", seq, List.of(POSITIONS));
            }
        }
    }

    private boolean live(final Channel channel, final ConsoleSession session)
    {
        if (!sessions.isLive(session))
        {
            // logged out or expired: the page must log in again
            channels.remove(channel);
            channel.close();
            return false;
        }
        return true;
    }

    private ConsoleRole roleOf(final ConsoleSession session)
    {
        return view.read(() ->
        {
            final ReferenceBook.Participant p = view.reference().participant(session.participant());
            return ConsoleRole.of(session.credentialRole(), null == p ? -1 : p.roles);
        });
    }

    private int indexOf(final ConsoleSession session)
    {
        return view.read(() ->
        {
            final ReferenceBook.Participant p = view.reference().participant(session.participant());
            return null == p ? -1 : p.index;
        });
    }

    private void send(final Channel channel, final String type, final long seq, final List<String> topics)
    {
        if (!channel.isWritable())
        {
            // a page that does not read its messages gets none until it does; it refetches on the next
            return;
        }
        final StringBuilder sb = new StringBuilder(64).append("{\"type\":\"").append(type).append("\",\"seq\":")
            .append(seq).append(",\"topics\":[");
        for (int i = 0; i < topics.size(); i++)
        {
            sb.append(i > 0 ? ",\"" : "\"").append(topics.get(i)).append('"');
        }
        sb.append("]}");
        channel.writeAndFlush(new TextWebSocketFrame(sb.toString()), channel.voidPromise());
        pushes++;
    }
}
