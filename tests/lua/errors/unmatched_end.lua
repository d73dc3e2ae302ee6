print("a")
end
