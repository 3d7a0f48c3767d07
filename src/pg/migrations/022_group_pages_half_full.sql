-- A quotation group's earliest day moves back when an earlier quotation of its text arrives: an
-- archive ingested newest first, or a syndicated text seen again under an earlier date, updates
-- many groups each batch (934,058 updates, 18.5 s of the server's time, in the benchmark's 300k
-- run, whose copies of the corpus go back in time). Each update wrote a new version of the row
-- (its words) elsewhere and entered it again in both indexes (id, hash). Pages filled half now
-- leave room for the new version on its own page, where no index entry is needed (a heap-only
-- tuple; `first_day` is in no index). Rows stored before keep their pages until rewritten.
ALTER TABLE quote_groups SET (fillfactor = 50);
