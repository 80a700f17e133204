#pragma once
// The pieces of the codec kept in files of their own: the delivery extension
// (codec_delivery.cpp) and the players extension (codec_players.cpp). Private to the
// protocol layer; codec.cpp dispatches to them.

#include "csc/protocol/codec.hpp"
#include "csc/protocol/field_reader.hpp"
#include "csc/protocol/json_writer.hpp"
#include "csc/protocol/packet.hpp"

namespace csc::protocol::detail {

/// Writes `name`, `color` and `prefix`.
void write_info(json_writer& w, const server_info& info);

/// Reads the `delivery` stamp of a join/leave/message: all of origin, session, seq or none;
/// pos and server optional.
void read_stamp(field_reader& r, delivery_stamp& out);
/// Writes the `delivery` stamp, if any and extensions are on.
void write_stamp(json_writer& w, const delivery_stamp& d, encode_options opts);
/// Decodes the fields of an `ack` into `out`.
void decode_ack(field_reader& r, packet& out);
/// Decodes the fields of a `resume` into `out`.
void decode_resume(field_reader& r, packet& out);
/// Writes the fields of an `ack`.
void write_ack(json_writer& w, const ack& a);
/// Writes the fields of a `resume`.
void write_resume(json_writer& w, const resume& r);

/// Decodes the fields of a `players` list into `out`.
void decode_players(field_reader& r, packet& out);
/// Decodes the fields of a `whisper` into `out`.
void decode_whisper(field_reader& r, packet& out);
/// Decodes the fields of a `whisperStatus` into `out`.
void decode_whisper_status(field_reader& r, packet& out);
/// Writes the fields of a `players` list.
void write_players(json_writer& w, const players& l);
/// Writes the fields of a `whisper`.
void write_whisper(json_writer& w, const whisper& v);
/// Writes the fields of a `whisperStatus`.
void write_whisper_status(json_writer& w, const whisper_status& v);

} // namespace csc::protocol::detail
