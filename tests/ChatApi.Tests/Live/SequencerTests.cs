using Chatt.ChatApi.Live;

namespace Chatt.ChatApi.Tests.Live;

public sealed class SequencerTests
{
    private readonly List<(long Position, string Item)> _out = [];

    private long[] Positions() => [.. _out.Select(o => o.Position)];

    [Fact]
    public void Items_in_order_pass_straight_through()
    {
        var sequencer = new Sequencer<string>(4);

        sequencer.Offer(5, "a", _out);
        sequencer.Offer(6, "b", _out);

        Assert.Equal([5L, 6L], Positions());
        Assert.False(sequencer.HasGap);
        Assert.Equal(6, sequencer.Delivered);
    }

    [Fact]
    public void A_late_item_holds_back_the_ones_after_it_until_it_arrives()
    {
        var sequencer = new Sequencer<string>(0);

        sequencer.Offer(2, "b", _out);
        sequencer.Offer(3, "c", _out);
        Assert.Empty(_out);
        Assert.True(sequencer.HasGap);
        Assert.Equal((0L, 2L), sequencer.Missing);

        sequencer.Offer(1, "a", _out);

        Assert.Equal(["a", "b", "c"], _out.Select(o => o.Item));
        Assert.False(sequencer.HasGap);
    }

    [Fact]
    public void A_lost_item_read_back_from_the_store_fills_the_gap()
    {
        var sequencer = new Sequencer<string>(10);
        sequencer.Offer(13, "live 13", _out);
        Assert.Equal((10L, 13L), sequencer.Missing);

        // The repair reads (10, 13) from the store and offers it, then settles through what the store answered.
        sequencer.Offer(11, "stored 11", _out);
        sequencer.Offer(12, "stored 12", _out);
        sequencer.SkipTo(12, _out);

        Assert.Equal([11L, 12L, 13L], Positions());
        Assert.Equal(13, sequencer.Delivered);
    }

    [Fact]
    public void Duplicates_are_dropped_whether_already_delivered_or_still_waiting()
    {
        var sequencer = new Sequencer<string>(0);
        sequencer.Offer(1, "a", _out);
        sequencer.Offer(1, "a again", _out);
        sequencer.Offer(3, "c", _out);
        sequencer.Offer(3, "c again", _out);
        sequencer.Offer(2, "b", _out);

        Assert.Equal(["a", "b", "c"], _out.Select(o => o.Item));
    }

    [Fact]
    public void A_position_that_was_never_stored_is_skipped_instead_of_stalling_the_stream()
    {
        var sequencer = new Sequencer<string>(0);
        sequencer.Offer(3, "c", _out);
        sequencer.Offer(4, "d", _out);

        // The store answered through 2 with nothing for 1 or 2 (never committed, or superseded by a later rev).
        sequencer.SkipTo(2, _out);

        Assert.Equal([3L, 4L], Positions());
        Assert.False(sequencer.HasGap);
    }

    [Fact]
    public void Skipping_releases_waiting_items_up_to_the_settled_position_in_order_and_later_ones_only_when_contiguous()
    {
        var sequencer = new Sequencer<string>(0);
        sequencer.Offer(7, "g", _out);
        sequencer.Offer(3, "c", _out);
        sequencer.Offer(5, "e", _out);

        sequencer.SkipTo(5, _out);

        Assert.Equal([3L, 5L], Positions());
        Assert.Equal((5L, 7L), sequencer.Missing);
    }

    [Fact]
    public void An_item_older_than_the_starting_position_is_never_delivered()
    {
        var sequencer = new Sequencer<string>(9);
        sequencer.Offer(9, "old", _out);
        sequencer.Offer(2, "older", _out);

        Assert.Empty(_out);
        Assert.False(sequencer.HasGap);
    }
}
