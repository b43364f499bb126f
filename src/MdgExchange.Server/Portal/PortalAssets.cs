namespace MdgExchange.Server.Portal;

/// <summary>The portal's one stylesheet: readable type, visible focus, contrast above WCAG AA, no build chain.</summary>
public static partial class PortalAssets
{
    public const string StylesheetPath = "/portal/portal.css";

    public const string Stylesheet =
        """
        :root { color: #1b1b1b; background: #ffffff; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; }
        body { margin: 0; }
        header { background: #0b3d6e; color: #ffffff; padding: 0.5rem 1rem; }
        header a, header button { color: #ffffff; }
        nav { display: flex; gap: 1rem; align-items: center; }
        .brand { font-weight: bold; text-decoration: none; margin-right: auto; }
        main { max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
        label { display: block; font-weight: 600; }
        input, select, button { font: inherit; padding: 0.4rem; }
        input, select { border: 1px solid #595959; border-radius: 3px; min-width: 18rem; }
        button { background: #0b3d6e; color: #ffffff; border: 1px solid #0b3d6e; border-radius: 3px; cursor: pointer; }
        header button { background: transparent; border-color: #ffffff; }
        :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
        p.check label { display: inline; }
        p.check input { min-width: 0; }
        textarea { font: inherit; border: 1px solid #595959; border-radius: 3px; width: 100%; max-width: 40rem; }
        figure#chart svg { width: 100%; max-width: 48rem; height: auto; }
        li.post p.text { white-space: pre-wrap; }
        .error { color: #a4000f; font-weight: 600; }
        .inline { display: inline; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        progress { width: 100%; max-width: 40rem; height: 1.2rem; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #ffffff; color: #0b3d6e; padding: 0.5rem; }
        """;
}
