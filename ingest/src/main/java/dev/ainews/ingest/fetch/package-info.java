/**
 * The HTTP layer of ingest: {@link dev.ainews.ingest.fetch.FeedFetcher} turns a
 * {@link dev.ainews.ingest.fetch.FetchRequest} into a {@link dev.ainews.ingest.fetch.FetchResult}
 * whose {@link dev.ainews.ingest.fetch.FetchOutcome} covers every way a fetch can go wrong, and
 * {@link dev.ainews.ingest.fetch.PollPolicy} decides from that result when to poll the feed
 * again. {@link dev.ainews.ingest.fetch.AddressGuard} keeps feed URLs and their redirects out of
 * private networks. Parsing the bytes is the next layer's job.
 */
package dev.ainews.ingest.fetch;
