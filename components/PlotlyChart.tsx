"use client";

/**
 * Renders a Plotly figure. plotly.js is served from our own origin and loaded the first time a
 * chart appears: the small "basic" bundle when it can draw every trace, the full one otherwise.
 */
import { useEffect, useRef, useState } from "react";
import type { Figure } from "@/engine/plot";
import { type Theme, useTheme } from "./theme";

interface PlotlyApi {
  react(element: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
  purge(element: HTMLElement): void;
}

const BASIC_TRACES = new Set(["scatter", "bar", "pie"]);
const bundles = new Map<string, Promise<PlotlyApi>>();

function loadPlotly(figure: Figure): Promise<PlotlyApi> {
  const basic = figure.data.every((trace) => BASIC_TRACES.has(String(trace.type ?? "scatter")));
  const src = basic ? "/vendor/plotly-basic.min.js" : "/vendor/plotly.min.js";
  const full = bundles.get("/vendor/plotly.min.js");
  if (basic && full) return full;
  let loading = bundles.get(src);
  if (!loading) {
    loading = new Promise<PlotlyApi>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onload = () => {
        const api = (window as unknown as { Plotly?: PlotlyApi }).Plotly;
        if (api) resolve(api);
        else reject(new Error("plotly.js loaded but did not define Plotly"));
      };
      script.onerror = () => {
        bundles.delete(src);
        reject(new Error(`could not load ${src}`));
      };
      document.head.append(script);
    });
    bundles.set(src, loading);
  }
  return loading;
}

/**
 * Colours per theme, as a Plotly template: the figure's own layout still wins over it. A theme
 * change redraws charts already on the page (plotly.react with the other template).
 */
const axis = (grid: string, line: string) => ({ gridcolor: grid, linecolor: line, zerolinecolor: line });
const TEMPLATES: Record<Theme, { layout: Record<string, unknown> }> = {
  light: {
    layout: { paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff", font: { color: "#1d2330" }, xaxis: axis("#e5e8ee", "#9aa3b2"), yaxis: axis("#e5e8ee", "#9aa3b2") },
  },
  dark: {
    layout: {
      paper_bgcolor: "#14171c",
      plot_bgcolor: "#14171c",
      font: { color: "#e6e9ef" },
      xaxis: axis("#2c323d", "#6b7487"),
      yaxis: axis("#2c323d", "#6b7487"),
      scene: { xaxis: axis("#2c323d", "#6b7487"), yaxis: axis("#2c323d", "#6b7487"), zaxis: axis("#2c323d", "#6b7487") },
      legend: { bgcolor: "rgba(0,0,0,0)" },
    },
  },
};

export function PlotlyChart({ figure }: { figure: Figure }) {
  const container = useRef<HTMLDivElement>(null);
  /** The plotly.js that drew into `container`, once it has. */
  const drawnBy = useRef<PlotlyApi>(undefined);
  const [failure, setFailure] = useState<string>();
  const theme = useTheme();

  // When the output is replaced (the cell ran again) or removed, purge the chart: plotly keeps a drawn
  // element alive (its resize listener on window holds it and its whole figure), so charts would pile up.
  useEffect(() => {
    const element = container.current;
    return () => {
      if (element) drawnBy.current?.purge(element);
      drawnBy.current = undefined;
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let cancelled = false;
    loadPlotly(figure)
      .then((plotly) => {
        if (cancelled) return undefined;
        drawnBy.current = plotly;
        return plotly.react(
          element,
          figure.data,
          { margin: { t: 48, r: 16, b: 48, l: 56 }, height: 320, template: TEMPLATES[theme], ...figure.layout },
          { responsive: true, displaylogo: false },
        );
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
    };
  }, [figure, theme]);

  const title = (figure.layout.title as { text?: string } | undefined)?.text;
  return (
    <figure className="chart" aria-label={title ? `Chart: ${title}` : "Chart"}>
      {failure ? <p className="chart-error">The chart could not be drawn: {failure}</p> : null}
      <div ref={container} className="chart-canvas" />
    </figure>
  );
}
