-- Whether the other member of a direct conversation had a session open when the message was stored: the seed
-- protocol's "status" (1 online, 2 offline) is about the moment of sending, not of replay. NULL for groups and
-- for messages stored before this column existed.
ALTER TABLE messages ADD COLUMN receiver_online SMALLINT CHECK (receiver_online IN (0, 1));
