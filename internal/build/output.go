package build

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"hash/maphash"
	"io"
	"mime"
	"path"
	"strings"
	"sync"
	"sync/atomic"
)

// Output is one output file as the preview keeps it. The 10,000-brief site
// is some 280 MB of files, so each is kept compressed (DEFLATE at its
// fastest setting, about a third of the size), in a form the preview can
// send to a browser as a gzip response without compressing it again, and
// with room for the preview's reload script: a page's last "</body>" and
// what follows it are kept apart, uncompressed, so that bytes can be
// inserted before them. An Output is never modified.
type Output struct {
	// z is the raw DEFLATE of the head, ending in a sync flush (no final
	// block); nil for plain. It is replaced once, by the same head
	// compressed better, when the output was made coarse.
	z      atomic.Pointer[[]byte]
	coarse bool   // compressed only with Huffman codes, to be compressed better (refine)
	plain  []byte // the head, for an output kept uncompressed
	tail   []byte // the bytes from the insertion point on
	crc    uint32 // CRC-32 (IEEE) of the head
	size   int    // length of head and tail
	sum    uint64 // hash of head and tail
}

// NewOutput compresses data, the contents of the output file at path (a
// path under public/, which tells whether it is a page).
func NewOutput(path string, data []byte) *Output { return storeOutput(nil, path, data, false) }

// storeOutput returns the output for data at path: prev, when it holds the same
// bytes, or data compressed. Search fragments stay uncompressed: their
// bytes are shared with the search entries that a rebuild reuses, and a
// compressed copy would only add to them.
//
// A coarse output is compressed with Huffman codes alone, less than half
// the work and about twice the size; refine compresses it properly later.
// The preview's first build makes its outputs so, which keeps it as quick
// as a build that writes the files.
func storeOutput(prev *Output, path string, data []byte, coarse bool) *Output {
	cut := insertionPoint(path, data)
	o := &Output{tail: data[cut:], crc: crc32.ChecksumIEEE(data[:cut]), size: len(data), sum: maphash.Bytes(outputSeed, data)}
	if prev.Same(o) {
		return prev
	}
	if strings.HasPrefix(path, "search/f/") {
		o.plain = data[:cut]
		return o
	}
	o.tail = bytes.Clone(o.tail)
	o.coarse = coarse
	z := deflateHead(data[:cut], coarse)
	o.z.Store(&z)
	return o
}

// refine compresses the coarse outputs among files properly, one at a
// time, and closes done. It runs in the background after the first build.
// The new bytes are packed into blocks of a few megabytes rather than
// allocated one by one: the coarse ones were scattered among everything
// else the first build allocated, and as many small allocations again
// would leave the heap as fragmented as it was full.
func refine(files Files, done chan struct{}) {
	defer close(done)
	var block []byte
	var buf bytes.Buffer
	for _, o := range files {
		if !o.coarse {
			continue
		}
		buf.Reset()
		deflateInto(&buf, o.Bytes()[:o.size-len(o.tail)], false)
		n := buf.Len()
		if cap(block)-len(block) < n {
			block = make([]byte, 0, max(n, 4<<20))
		}
		block = append(block, buf.Bytes()...)
		z := block[len(block)-n : len(block) : len(block)]
		o.z.Store(&z)
	}
}

var outputSeed = maphash.MakeSeed()

// insertionPoint is where the preview inserts its script into a file: in
// what a browser may take for a page (by its extension, or lacking one it
// knows), before the last "</body>"; elsewhere, and in a page without
// one, at the end.
func insertionPoint(p string, data []byte) int {
	if t := mime.TypeByExtension(path.Ext(p)); t == "" || strings.HasPrefix(t, "text/html") {
		if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
			return i
		}
	}
	return len(data)
}

// deflaters hold compressors at the fastest setting that looks for
// repeated strings ([0]) and with Huffman codes alone ([1]).
var deflaters = [2]sync.Pool{
	{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }},
	{New: func() any { w, _ := flate.NewWriter(nil, flate.HuffmanOnly); return w }},
}

// deflateHead returns the raw DEFLATE stream of data, ending in a sync flush
// and with no final block, so that more blocks may follow; coarse, with
// Huffman codes alone.
func deflateHead(data []byte, coarse bool) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	deflateInto(&buf, data, coarse)
	return bytes.Clone(buf.Bytes())
}

// deflateInto is deflateHead writing to buf.
func deflateInto(buf *bytes.Buffer, data []byte, coarse bool) {
	pool := &deflaters[0]
	if coarse {
		pool = &deflaters[1]
	}
	w := pool.Get().(*flate.Writer)
	w.Reset(buf)
	_, _ = w.Write(data)
	_ = w.Flush()
	w.Reset(nil)
	pool.Put(w)
}

// zbytes returns the compressed head (nil for a plain output).
func (o *Output) zbytes() []byte {
	if z := o.z.Load(); z != nil {
		return *z
	}
	return nil
}

// Len is the length of the file's contents.
func (o *Output) Len() int {
	if o == nil {
		return 0
	}
	return o.size
}

// Same reports whether two outputs hold the same bytes. Outputs that are
// not the same object compare by length, a 64-bit hash and a CRC-32 of
// the compressed part, and by the uncompressed part byte for byte.
func (o *Output) Same(p *Output) bool {
	if o == nil || p == nil {
		return o == p
	}
	return o == p || o.size == p.size && o.sum == p.sum && o.crc == p.crc && bytes.Equal(o.tail, p.tail)
}

// Compressed reports whether the output is kept compressed, so that
// Gzip sends its stored bytes.
func (o *Output) Compressed() bool { return o != nil && o.z.Load() != nil }

// token is a slice that stands for the output in the pipeline: no other
// file's bytes share its array.
func (o *Output) token() []byte {
	if z := o.zbytes(); z != nil {
		return z
	}
	return o.plain
}

// Bytes returns the file's contents.
func (o *Output) Bytes() []byte {
	if o == nil {
		return nil
	}
	var b bytes.Buffer
	b.Grow(o.size)
	_, _ = o.CopyTo(&b, nil)
	return b.Bytes()
}

// Head returns the first n bytes of the contents (fewer if it is shorter),
// enough to sniff its type.
func (o *Output) Head(n int) []byte {
	b := make([]byte, min(n, o.Len()))
	var k int
	if z := o.zbytes(); z != nil {
		r := inflate(z)
		k, _ = io.ReadFull(r, b[:min(len(b), o.size-len(o.tail))])
		r.close()
	} else {
		k = copy(b, o.plain)
	}
	if k < len(b) {
		k += copy(b[k:], o.tail)
	}
	return b[:k]
}

// CopyTo writes the contents to w with insert added at the insertion
// point: before a page's last "</body>", or at the end.
func (o *Output) CopyTo(w io.Writer, insert []byte) (int64, error) {
	var n int64
	if z := o.zbytes(); z != nil {
		r := inflate(z)
		k, err := io.Copy(w, r)
		r.close()
		n += k
		if err != nil {
			return n, err
		}
	} else if k, err := w.Write(o.plain); err != nil {
		return n + int64(k), err
	} else {
		n += int64(k)
	}
	for _, b := range [][]byte{insert, o.tail} {
		k, err := w.Write(b)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// Gzip returns the contents, with insert added as CopyTo adds it, as a
// gzip stream (RFC 1952): its length and a function that writes it. The
// stream is the kept compressed bytes, then insert and the tail as stored
// blocks. It is meant for outputs that are Compressed.
func (o *Output) Gzip(insert []byte) (int, func(io.Writer) error) {
	z := o.zbytes() // the same bytes for the length and the writing
	rest := len(insert) + len(o.tail)
	blocks := max(1, (rest+maxStoredBlock-1)/maxStoredBlock)
	size := len(gzipStart) + len(z) + 5*blocks + rest + 8
	return size, func(w io.Writer) error { return o.writeGzip(w, z, insert) }
}

func (o *Output) writeGzip(w io.Writer, z, insert []byte) error {
	buf := make([]byte, 0, len(gzipStart)+5+len(insert)+len(o.tail)+8)
	buf = append(buf, gzipStart...)
	if _, err := w.Write(buf); err != nil {
		return err
	}
	if _, err := w.Write(z); err != nil {
		return err
	}
	rest := append(append(make([]byte, 0, len(insert)+len(o.tail)), insert...), o.tail...)
	buf = buf[:0]
	for {
		n := min(len(rest), maxStoredBlock)
		final := byte(0)
		if n == len(rest) {
			final = 1
		}
		buf = append(buf, final)
		buf = binary.LittleEndian.AppendUint16(buf, uint16(n))
		buf = binary.LittleEndian.AppendUint16(buf, ^uint16(n))
		buf = append(buf, rest[:n]...)
		rest = rest[n:]
		if final == 1 {
			break
		}
	}
	crc := crc32.Update(crc32.Update(o.crc, crc32.IEEETable, insert), crc32.IEEETable, o.tail)
	buf = binary.LittleEndian.AppendUint32(buf, crc)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(o.size+len(insert)))
	_, err := w.Write(buf)
	return err
}

// maxStoredBlock is the most a stored DEFLATE block holds.
const maxStoredBlock = 65535

// gzipStart starts a gzip member: DEFLATE, no name, no time, unknown OS.
var gzipStart = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}

// deflateEnd ends a DEFLATE stream after a sync flush: an empty final
// block, as the compressor writes it.
var deflateEnd = func() []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestSpeed)
	_ = w.Flush()
	n := b.Len()
	_ = w.Close()
	return bytes.Clone(b.Bytes()[n:])
}()

// inflater decompresses an output's head. Decompressors are pooled: each
// holds some 40 KB of tables and window.
type inflater struct {
	r   io.ReadCloser
	src zsource
}

var outputInflaters sync.Pool

// inflate returns a decompressor of z, a compressed head.
func inflate(z []byte) *inflater {
	f, _ := outputInflaters.Get().(*inflater)
	if f == nil {
		f = &inflater{}
		f.src.z = z
		f.r = flate.NewReader(&f.src)
		return f
	}
	f.src = zsource{z: z}
	_ = f.r.(flate.Resetter).Reset(&f.src, nil)
	return f
}

func (f *inflater) Read(p []byte) (int, error) { return f.r.Read(p) }

func (f *inflater) close() {
	f.src.z = nil
	outputInflaters.Put(f)
}

// zsource is a compressed head followed by the final block that ends the
// stream. It is an io.ByteReader, so the decompressor reads it without a
// buffer of its own.
type zsource struct {
	z []byte
	i int // position in z, then in deflateEnd
}

func (s *zsource) Read(p []byte) (int, error) {
	if s.i < len(s.z) {
		n := copy(p, s.z[s.i:])
		s.i += n
		return n, nil
	}
	j := s.i - len(s.z)
	if j >= len(deflateEnd) {
		return 0, io.EOF
	}
	n := copy(p, deflateEnd[j:])
	s.i += n
	return n, nil
}

func (s *zsource) ReadByte() (byte, error) {
	if s.i < len(s.z) {
		s.i++
		return s.z[s.i-1], nil
	}
	j := s.i - len(s.z)
	if j >= len(deflateEnd) {
		return 0, io.EOF
	}
	s.i++
	return deflateEnd[j], nil
}
