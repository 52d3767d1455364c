using System.ComponentModel.DataAnnotations;

namespace Media.Transcoding.Recognition;

/// <summary>Settings under <c>Media:Recognition</c>: reading the text shown in published lessons (OCR).</summary>
internal sealed class RecognitionOptions
{
    public const string Section = "Media:Recognition";
    public const string Tesseract = "Tesseract";
    public const string PaddleOcr = "PaddleOcr";
    public const string Off = "Off";

    /// <summary><c>PaddleOcr</c> (PP-OCRv4 through ONNX Runtime), <c>Tesseract</c> (Debian's tesseract-ocr with chi_sim) or <c>Off</c>.</summary>
    [Required]
    public string Engine { get; set; } = PaddleOcr;

    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>The folder with ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx and ppocr_keys_v1.txt (the build copies them there from npm).</summary>
    public string PaddleModelPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "models", "paddleocr");

    /// <summary>Tesseract's languages, most likely first.</summary>
    [Required]
    public string Languages { get; set; } = "chi_sim+eng";

    /// <summary>
    /// A frame is looked at every this many seconds, and read only when it differs from the last one read: a slide shown
    /// for five minutes is read once.
    /// </summary>
    [Range(1, 60)]
    public double SampleSeconds { get; set; } = 5;

    /// <summary>At most this many frames are read per lesson; a longer lesson is sampled more sparsely.</summary>
    [Range(10, 100_000)]
    public int MaxFrames { get; set; } = 720;

    /// <summary>Lines whose words Tesseract is on average less sure of than this (0–100) are dropped: faces and furniture read as text.</summary>
    [Range(0, 100)]
    public int MinConfidence { get; set; } = 55;

    /// <summary>Longest one frame's reading may take.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
